using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Credits;
using Sora.Domain.Generations;
using Xunit;
using static Sora.Domain.Tests.Generations.GenerationHistory;

namespace Sora.Domain.Tests.Generations;

/// <summary>The requester stops a queued or rendering generation and gets its price back where it came from.</summary>
public sealed class CancelGenerationDeciderTests
{
    [Fact]
    public void A_stranger_and_a_missing_generation_get_not_found_and_nothing_is_written()
    {
        var history = new GenerationHistory();
        foreach (var stranger in new[] { As(Guid.NewGuid()), As(Guid.NewGuid(), AccountRole.Moderator), As(Guid.NewGuid(), AccountRole.Admin) })
        {
            var refused = CancelGenerationDecider.Decide(new CancelGeneration(stranger, history.Id), history.At(Life.Queued), Now);
            Assert.Equal(ErrorCodes.NotFound, refused.Refusal?.Code);
            Assert.Empty(refused.Events);
        }
        var missing = CancelGenerationDecider.Decide(new CancelGeneration(history.Creator, history.Id), null, Now);
        Assert.Equal(ErrorCodes.NotFound, missing.Refusal?.Code);
        Assert.Empty(missing.Events);
    }

    [Theory]
    [InlineData(Life.Draft)]
    [InlineData(Life.PendingApproval)]
    [InlineData(Life.Published)]
    [InlineData(Life.Withdrawn)]
    [InlineData(Life.Failed)]
    [InlineData(Life.Cancelled)]
    [InlineData(Life.BlockedInProgress)]
    [InlineData(Life.BlockedAfterRender)]
    public void Only_a_queued_or_rendering_generation_is_cancellable(Life life)
    {
        var history = new GenerationHistory();
        var refused = CancelGenerationDecider.Decide(new CancelGeneration(history.Creator, history.Id), history.At(life), Now);
        Assert.Equal(GenerationRules.NotCancellable, refused.Refusal?.Code);
        Assert.Empty(refused.Events);
    }

    [Theory]
    [InlineData(Life.Queued, 2, 5)]
    [InlineData(Life.Rendering, 2, 5)]
    [InlineData(Life.Queued, 0, 4)]
    [InlineData(Life.Rendering, 3, 0)]
    public void Cancelling_records_who_and_refunds_the_quota_and_balance_it_was_paid_from(Life life, int fromQuota, int fromBalance)
    {
        var history = new GenerationHistory(fromQuota, fromBalance);
        var decision = CancelGenerationDecider.Decide(new CancelGeneration(history.Creator, history.Id), history.At(life), Now);
        Assert.Null(decision.Refusal);
        Assert.Equal(
            [
                new GenerationCancelled(history.Id, history.Requester, history.Requester, Now),
                new CreditsRefunded(history.Requester, history.Id, fromQuota, fromBalance, QuotaDay, Now),
            ],
            decision.Events);
    }

    [Fact]
    public void A_cancelled_generation_folds_to_cancelled_and_refunded_and_cannot_be_cancelled_twice()
    {
        var history = new GenerationHistory();
        var command = new CancelGeneration(history.Creator, history.Id);
        var cancelled = Apply(history.At(Life.Rendering), CancelGenerationDecider.Decide(command, history.At(Life.Rendering), Now).Events);
        Assert.Equal((GenerationStage.Cancelled, "CANCELLED", true, Now), (cancelled.Stage, cancelled.Reason, cancelled.Refunded, cancelled.UpdatedAt));
        Assert.Equal(GenerationRules.NotCancellable, CancelGenerationDecider.Decide(command, cancelled, Now.AddSeconds(1)).Refusal?.Code);
    }
}
