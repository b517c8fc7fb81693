using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Generations;
using Xunit;
using static Sora.Domain.Tests.Generations.GenerationHistory;

namespace Sora.Domain.Tests.Generations;

/// <summary>The creator, a moderator or an admin takes a finished video down, draft or published.</summary>
public sealed class WithdrawVideoDeciderTests
{
    [Theory]
    [InlineData(Life.Draft)]
    [InlineData(Life.PendingApproval)]
    [InlineData(Life.Published)]
    public void The_creator_withdraws_a_finished_video(Life life)
    {
        var history = new GenerationHistory();
        var decision = WithdrawVideoDecider.Decide(new WithdrawVideo(history.Creator, history.Id), history.At(life), Now);
        Assert.Null(decision.Refusal);
        Assert.Equal([new VideoWithdrawn(history.Id, history.Requester, Now)], decision.Events);
        Assert.Equal(Publication.Withdrawn, Apply(history.At(life), decision.Events).Publication);
    }

    [Theory]
    [InlineData(AccountRole.Moderator)]
    [InlineData(AccountRole.Admin)]
    public void A_moderator_or_an_admin_withdraws_someone_elses_video_in_their_own_name(AccountRole role)
    {
        var history = new GenerationHistory();
        var staff = Guid.NewGuid();
        var decision = WithdrawVideoDecider.Decide(new WithdrawVideo(As(staff, role), history.Id), history.At(Life.Published), Now);
        Assert.Null(decision.Refusal);
        Assert.Equal([new VideoWithdrawn(history.Id, staff, Now)], decision.Events);
    }

    [Fact]
    public void A_stranger_or_an_auditor_gets_not_found_and_so_does_anyone_for_a_missing_generation()
    {
        var history = new GenerationHistory();
        foreach (var stranger in new[] { As(Guid.NewGuid()), As(Guid.NewGuid(), AccountRole.Auditor) })
        {
            var refused = WithdrawVideoDecider.Decide(new WithdrawVideo(stranger, history.Id), history.At(Life.Published), Now);
            Assert.Equal(ErrorCodes.NotFound, refused.Refusal?.Code);
            Assert.Empty(refused.Events);
        }
        Assert.Equal(ErrorCodes.NotFound,
            WithdrawVideoDecider.Decide(new WithdrawVideo(As(Guid.NewGuid(), AccountRole.Moderator), history.Id), null, Now).Refusal?.Code);
    }

    [Theory]
    [InlineData(Life.Queued)]
    [InlineData(Life.Rendering)]
    [InlineData(Life.Failed)]
    [InlineData(Life.Cancelled)]
    [InlineData(Life.BlockedInProgress)]
    [InlineData(Life.BlockedAfterRender)]
    [InlineData(Life.Withdrawn)]
    public void Only_a_ready_video_not_yet_withdrawn_can_be_withdrawn_by_creator_or_moderator(Life life)
    {
        var history = new GenerationHistory();
        foreach (var by in new[] { history.Creator, As(Guid.NewGuid(), AccountRole.Moderator) })
        {
            var refused = WithdrawVideoDecider.Decide(new WithdrawVideo(by, history.Id), history.At(life), Now);
            Assert.Equal(GenerationRules.NotPublishable, refused.Refusal?.Code);
            Assert.Empty(refused.Events);
        }
    }
}
