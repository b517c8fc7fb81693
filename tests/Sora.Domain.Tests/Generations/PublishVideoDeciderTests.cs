using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Generations;
using Xunit;
using static Sora.Domain.Tests.Generations.GenerationHistory;

namespace Sora.Domain.Tests.Generations;

/// <summary>The requester publishes a finished draft; consent is checked again at that moment.</summary>
public sealed class PublishVideoDeciderTests
{
    [Fact]
    public void A_stranger_even_a_moderator_and_a_missing_generation_get_not_found()
    {
        var history = new GenerationHistory();
        foreach (var stranger in new[] { As(Guid.NewGuid()), As(Guid.NewGuid(), AccountRole.Moderator), As(Guid.NewGuid(), AccountRole.Admin) })
        {
            var refused = PublishVideoDecider.Decide(new PublishVideo(stranger, history.Id), history.At(Life.Draft), ConsentCheck.AllStanding, Now);
            Assert.Equal(ErrorCodes.NotFound, refused.Refusal?.Code);
            Assert.Empty(refused.Events);
        }
        Assert.Equal(ErrorCodes.NotFound,
            PublishVideoDecider.Decide(new PublishVideo(history.Creator, history.Id), null, ConsentCheck.AllStanding, Now).Refusal?.Code);
    }

    [Theory]
    [InlineData(Life.Queued)]
    [InlineData(Life.Rendering)]
    [InlineData(Life.PendingApproval)]
    [InlineData(Life.Published)]
    [InlineData(Life.Withdrawn)]
    [InlineData(Life.Failed)]
    [InlineData(Life.Cancelled)]
    [InlineData(Life.BlockedInProgress)]
    [InlineData(Life.BlockedAfterRender)]
    public void Only_a_ready_draft_is_publishable_and_a_refusal_then_records_nothing_even_if_consent_lapsed(Life life)
    {
        var history = new GenerationHistory();
        foreach (var consent in new[] { ConsentCheck.AllStanding, history.LapsedOn(history.Cameos[0]) })
        {
            var refused = PublishVideoDecider.Decide(new PublishVideo(history.Creator, history.Id), history.At(life), consent, Now);
            Assert.Equal(GenerationRules.NotPublishable, refused.Refusal?.Code);
            Assert.Empty(refused.Events);
        }
    }

    [Fact]
    public void With_consent_standing_the_draft_is_published_by_its_requester()
    {
        var history = new GenerationHistory();
        var decision = PublishVideoDecider.Decide(new PublishVideo(history.Creator, history.Id), history.At(Life.Draft), ConsentCheck.AllStanding, Now);
        Assert.Null(decision.Refusal);
        Assert.Equal([new VideoPublished(history.Id, history.Requester, Now)], decision.Events);
        var published = Apply(history.At(Life.Draft), decision.Events);
        Assert.Equal((Publication.Published, Now), (published.Publication, published.PublishedAt));
    }

    [Fact]
    public void Uses_awaiting_their_owners_approval_keep_the_video_pending_on_exactly_those_uses()
    {
        var history = new GenerationHistory();
        var pendingUse = history.Cameos[1].UseId;
        var consent = new ConsentCheck(ConsentStanding.AwaitingApproval, null, [pendingUse]);
        var decision = PublishVideoDecider.Decide(new PublishVideo(history.Creator, history.Id), history.At(Life.Draft), consent, Now);
        Assert.Null(decision.Refusal);
        var awaiting = Assert.IsType<VideoAwaitingApproval>(Assert.Single(decision.Events));
        Assert.Equal((history.Id, Now), (awaiting.GenerationId, awaiting.At));
        Assert.Equal([pendingUse], awaiting.UseIds);

        var pending = Apply(history.At(Life.Draft), decision.Events);
        Assert.Equal((Publication.PendingApproval, (DateTimeOffset?)null), (pending.Publication, pending.PublishedAt));
        Assert.Equal([pendingUse], pending.AwaitingUses);
    }

    [Fact]
    public void A_lapsed_use_refuses_with_consent_required_and_records_the_block_without_a_refund_since_the_render_finished()
    {
        var history = new GenerationHistory();
        var lapsed = history.Cameos[1];
        var decision = PublishVideoDecider.Decide(new PublishVideo(history.Creator, history.Id), history.At(Life.Draft), history.LapsedOn(lapsed), Now);

        Assert.Equal("CONSENT_REQUIRED", decision.Refusal?.Code);
        Assert.Contains("@bob", decision.Refusal!.Message);
        Assert.True(decision.Refused);
        Assert.Equal([new GenerationBlocked(history.Id, history.Requester, GenerationConsent.ConsentLapsed, lapsed.CameoId, Now)], decision.Events);

        var blocked = Apply(history.At(Life.Draft), decision.Events);
        Assert.Equal((GenerationStage.Blocked, GenerationConsent.ConsentLapsed, false), (blocked.Stage, blocked.Reason, blocked.Refunded));
        Assert.Equal(GenerationRules.NotPublishable,
            PublishVideoDecider.Decide(new PublishVideo(history.Creator, history.Id), blocked, ConsentCheck.AllStanding, Now).Refusal?.Code);
    }
}
