using Sora.Domain.Credits;
using Sora.Domain.Generations;
using Xunit;
using static Sora.Domain.Tests.Generations.GenerationHistory;

namespace Sora.Domain.Tests.Generations;

/// <summary>A render that ends without a video: blocked if consent lapsed, whatever went wrong, else FAILED; refunded either way.</summary>
public sealed class FailRenderDeciderTests
{
    [Theory]
    [InlineData(Life.Draft)]
    [InlineData(Life.Published)]
    [InlineData(Life.Failed)]
    [InlineData(Life.Cancelled)]
    [InlineData(Life.BlockedInProgress)]
    [InlineData(Life.BlockedAfterRender)]
    public void A_generation_no_longer_in_progress_is_left_alone(Life life)
    {
        var history = new GenerationHistory();
        foreach (var standing in Enum.GetValues<ConsentStanding>())
            Assert.Empty(FailRenderDecider.Decide(new FailRender(history.Id, "RENDER_FAILED", "x"), history.At(life), history.Consent(standing), Now).Events);
        Assert.Empty(FailRenderDecider.Decide(new FailRender(history.Id, "RENDER_FAILED", "x"), null, ConsentCheck.AllStanding, Now).Events);
    }

    [Theory]
    [InlineData(Life.Rendering, "RENDER_TIMEOUT")]
    [InlineData(Life.Rendering, "RENDER_FAILED")]
    [InlineData(Life.Queued, "INPUT_UNAVAILABLE")]
    [InlineData(Life.Rendering, "CONSENT_LAPSED")]
    public void A_lapsed_use_blocks_naming_that_cameo_whatever_the_workers_reason_and_refunds(Life life, string reason)
    {
        var history = new GenerationHistory(fromQuota: 2, fromBalance: 1);
        var lapsed = history.Cameos[1];
        var decision = FailRenderDecider.Decide(new FailRender(history.Id, reason, "out of memory"), history.At(life), history.LapsedOn(lapsed), Now);
        Assert.Null(decision.Refusal);
        Assert.Equal(
            [
                new GenerationBlocked(history.Id, history.Requester, "CONSENT_LAPSED", lapsed.CameoId, Now),
                new CreditsRefunded(history.Requester, history.Id, 2, 1, QuotaDay, Now),
            ],
            decision.Events);
        var blocked = Apply(history.At(life), decision.Events);
        Assert.Equal((GenerationStage.Blocked, "CONSENT_LAPSED", true), (blocked.Stage, blocked.Reason, blocked.Refunded));
    }

    [Theory]
    [InlineData(Life.Rendering, ConsentStanding.Standing, "RENDER_TIMEOUT")]
    [InlineData(Life.Queued, ConsentStanding.Standing, "INPUT_UNAVAILABLE")]
    [InlineData(Life.Rendering, ConsentStanding.AwaitingApproval, "RENDER_FAILED")]
    public void Otherwise_it_fails_with_the_workers_reason_and_detail_and_refunds(Life life, ConsentStanding standing, string reason)
    {
        var history = new GenerationHistory(fromQuota: 4, fromBalance: 2);
        var decision = FailRenderDecider.Decide(new FailRender(history.Id, reason, "ffmpeg exited 1"), history.At(life), history.Consent(standing), Now);
        Assert.Equal(
            [
                new GenerationFailed(history.Id, history.Requester, reason, "ffmpeg exited 1", Now),
                new CreditsRefunded(history.Requester, history.Id, 4, 2, QuotaDay, Now),
            ],
            decision.Events);
        var failed = Apply(history.At(life), decision.Events);
        Assert.Equal((GenerationStage.Failed, reason, true), (failed.Stage, failed.Reason, failed.Refunded));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(FailRenderDecider.MaxDetail - 1)]
    [InlineData(FailRenderDecider.MaxDetail)]
    [InlineData(FailRenderDecider.MaxDetail + 1)]
    [InlineData(5000)]
    public void The_detail_is_cut_to_max_detail_characters(int length)
    {
        var history = new GenerationHistory();
        var detail = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)));
        var failed = Assert.IsType<GenerationFailed>(
            FailRenderDecider.Decide(new FailRender(history.Id, "RENDER_FAILED", detail), history.At(Life.Rendering), ConsentCheck.AllStanding, Now).Events[0]);
        Assert.Equal(detail[..Math.Min(length, FailRenderDecider.MaxDetail)], failed.Detail);
        Assert.Equal(300, FailRenderDecider.MaxDetail);
    }
}
