using Sora.Domain.Credits;
using Sora.Domain.Generations;
using Xunit;
using static Sora.Domain.Tests.Generations.GenerationHistory;

namespace Sora.Domain.Tests.Generations;

/// <summary>A worker asks to start: one more attempt; FAILED (WORKER_LOST) and refunded after MaxAttempts lost workers; blocked when a use lapsed.</summary>
public sealed class StartRenderDeciderTests
{
    [Theory]
    [InlineData(Life.Draft)]
    [InlineData(Life.Published)]
    [InlineData(Life.Failed)]
    [InlineData(Life.Cancelled)]
    [InlineData(Life.BlockedInProgress)]
    [InlineData(Life.BlockedAfterRender)]
    public void A_generation_no_longer_in_progress_gets_nothing(Life life)
    {
        var history = new GenerationHistory();
        var decision = StartRenderDecider.Decide(new StartRender(history.Id, "w"), history.At(life), ConsentCheck.AllStanding, Now);
        Assert.Null(decision.Refusal);
        Assert.Empty(decision.Events);
        Assert.Empty(StartRenderDecider.Decide(new StartRender(history.Id, "w"), null, ConsentCheck.AllStanding, Now).Events);
    }

    [Fact]
    public void A_queued_generation_starts_its_first_attempt_on_the_named_worker()
    {
        var history = new GenerationHistory();
        var decision = StartRenderDecider.Decide(new StartRender(history.Id, "gpu-7"), history.At(Life.Queued), ConsentCheck.AllStanding, Now);
        Assert.Null(decision.Refusal);
        Assert.Equal([new RenderStarted(history.Id, history.Requester, 1, "gpu-7", Now)], decision.Events);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_redelivered_render_starts_the_next_attempt(int started)
    {
        var history = new GenerationHistory();
        var generation = history.Fold(Enumerable.Range(1, started).Select(a => (object)history.Started(a)).ToArray());
        Assert.Equal([new RenderStarted(history.Id, history.Requester, started + 1, "gpu-2", Now)],
            StartRenderDecider.Decide(new StartRender(history.Id, "gpu-2"), generation, ConsentCheck.AllStanding, Now).Events);
    }

    [Fact]
    public void After_max_attempts_lost_their_worker_the_next_start_fails_worker_lost_and_refunds()
    {
        var history = new GenerationHistory(fromQuota: 3, fromBalance: 1);
        var generation = history.At(Life.Queued);
        for (var attempt = 1; attempt <= StartRenderDecider.MaxAttempts; attempt++)
        {
            var start = StartRenderDecider.Decide(new StartRender(history.Id, "w" + attempt), generation, ConsentCheck.AllStanding, Now.AddMinutes(attempt));
            Assert.Equal(attempt, Assert.IsType<RenderStarted>(Assert.Single(start.Events)).Attempt);
            generation = Apply(generation, start.Events);
        }
        Assert.Equal((GenerationStage.Rendering, 3), (generation.Stage, generation.Attempts));

        var decision = StartRenderDecider.Decide(new StartRender(history.Id, "w4"), generation, ConsentCheck.AllStanding, Now);
        Assert.Equal(2, decision.Events.Count);
        var failed = Assert.IsType<GenerationFailed>(decision.Events[0]);
        Assert.Equal((history.Id, history.Requester, StartRenderDecider.WorkerLost, Now), (failed.GenerationId, failed.RequesterId, failed.Reason, failed.At));
        Assert.Contains("3 times", failed.Detail);
        Assert.Equal(new CreditsRefunded(history.Requester, history.Id, 3, 1, QuotaDay, Now), decision.Events[1]);

        var ended = Apply(generation, decision.Events);
        Assert.Equal((GenerationStage.Failed, "WORKER_LOST", true), (ended.Stage, ended.Reason, ended.Refunded));
        Assert.Empty(StartRenderDecider.Decide(new StartRender(history.Id, "w5"), ended, ConsentCheck.AllStanding, Now).Events);
    }

    [Fact]
    public void A_lapsed_use_blocks_and_refunds_instead_of_starting_even_after_lost_workers()
    {
        var history = new GenerationHistory(fromQuota: 2, fromBalance: 2);
        var lapsed = history.Cameos[1];
        foreach (var generation in new[]
                 {
                     history.At(Life.Queued),
                     history.Fold(Enumerable.Range(1, StartRenderDecider.MaxAttempts).Select(a => (object)history.Started(a)).ToArray()),
                 })
        {
            var decision = StartRenderDecider.Decide(new StartRender(history.Id, "w"), generation, history.LapsedOn(lapsed), Now);
            Assert.Null(decision.Refusal);
            Assert.Equal([new GenerationBlocked(history.Id, history.Requester, GenerationConsent.ConsentLapsed, lapsed.CameoId, Now),
                new CreditsRefunded(history.Requester, history.Id, 2, 2, QuotaDay, Now)], decision.Events);
        }
    }
}
