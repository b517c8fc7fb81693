using Sora.Domain.Credits;
using Sora.Domain.Generations;
using Xunit;
using static Sora.Domain.Tests.Generations.GenerationHistory;

namespace Sora.Domain.Tests.Generations;

/// <summary>GenerationConsent.Block (pure): the block always, the refund only while in progress and not refunded yet.</summary>
public sealed class GenerationConsentBlockTests
{
    [Theory]
    [InlineData(Life.Queued)]
    [InlineData(Life.Rendering)]
    public void An_unfinished_generation_is_blocked_on_the_named_cameo_and_refunded(Life life)
    {
        var history = new GenerationHistory(fromQuota: 3, fromBalance: 2);
        var cameo = history.Cameos[1];
        Assert.Equal(
            [
                new GenerationBlocked(history.Id, history.Requester, GenerationConsent.ConsentLapsed, cameo.CameoId, Now),
                new CreditsRefunded(history.Requester, history.Id, 3, 2, QuotaDay, Now),
            ],
            GenerationConsent.Block(history.At(life), cameo, Now));
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
    public void A_finished_or_ended_generation_is_blocked_without_a_refund(Life life)
    {
        var history = new GenerationHistory();
        var cameo = history.Cameos[0];
        Assert.Equal([new GenerationBlocked(history.Id, history.Requester, GenerationConsent.ConsentLapsed, cameo.CameoId, Now)],
            GenerationConsent.Block(history.At(life), cameo, Now));
    }

    [Fact]
    public void An_in_progress_generation_already_refunded_is_not_refunded_twice()
    {
        // No event sequence folds to in progress and refunded, so this one state is set by hand.
        var history = new GenerationHistory();
        var refunded = history.At(Life.Rendering) with { Refunded = true };
        Assert.IsType<GenerationBlocked>(Assert.Single(GenerationConsent.Block(refunded, history.Cameos[0], Now)));
    }

    [Theory]
    [InlineData(Life.Queued)]
    [InlineData(Life.Rendering)]
    [InlineData(Life.Draft)]
    [InlineData(Life.Published)]
    public void The_fold_marks_refunded_exactly_when_the_block_carried_a_refund(Life life)
    {
        var history = new GenerationHistory();
        var before = history.At(life);
        var events = GenerationConsent.Block(before, history.Cameos[0], Now);
        var after = Apply(before, events);
        Assert.Equal(events.OfType<CreditsRefunded>().Any(), after.Refunded);
        Assert.Equal((GenerationStage.Blocked, before.Publication), (after.Stage, after.Publication));
    }
}
