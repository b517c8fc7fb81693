using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Generations;
using Sora.Integration.Tests.Support;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Tracking;
using Xunit;

namespace Sora.Integration.Tests.Generations;

/// <summary>A host whose renders may run for half a second: every render times out.</summary>
public sealed class RenderDeadlineFixture : IAsyncLifetime
{
    public const string Schema = "sora_deadline";
    public ExternalIssuer Issuer { get; } = new();
    public RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await RunningHost.StartAsync(Schema, Issuer, "all", new Dictionary<string, string?>
        {
            ["Sora:Generation:RenderDeadline:BaseSeconds"] = "0.5",
            ["Sora:Generation:RenderDeadline:SecondsPerMegapixelFrame"] = "0",
        });
        await Host.App.ResetAllMartenDataAsync();
        await Host.Services.GetRequiredService<IWolverineRuntime>().Storage.Admin.ClearAllAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition("render-deadline")]
public sealed class RenderDeadlineCollection : ICollectionFixture<RenderDeadlineFixture>;

/// <summary>Renders never die silently: every terminal path ends the generation FAILED, with its reason and a refund.</summary>
[Collection("render-deadline")]
public sealed class RenderDeadlineTests(RenderDeadlineFixture fixture)
{
    private RunningHost Host => fixture.Host;
    private GraphQLClient Api => new(Host.Http);

    [Fact]
    public async Task A_render_past_its_time_limit_ends_failed_and_refunded_and_is_not_retried()
    {
        var maker = await Api.SignUpAsync($"maker_{Guid.NewGuid().ToString("N")[..8]}");
        var before = await Api.CreditsAsync(maker.Token);
        Guid id = default;
        // Tracking waits until every message the request caused (the render job and anything it cascades) is done.
        await Host.App.TrackActivity().IncludeExternalTransports().Timeout(TimeSpan.FromSeconds(120))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
                id = await Api.RequestAsync(maker.Token, GenerationFlow.Input("a slow sunrise over the mountains", "deadline-1", duration: 15))));

        var state = (await Api.PostAsync("query($id: ID!) { generation(id: $id) { state reason refunded } }", new { id }, maker.Token)).Ok().GetProperty("generation");
        Assert.Equal(("FAILED", "RENDER_TIMEOUT", true),
            (state.GetProperty("state").GetString(), state.GetProperty("reason").GetString(), state.GetProperty("refunded").GetBoolean()));
        Assert.Equal(before, await Api.CreditsAsync(maker.Token));
        await using var query = Host.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(id);
        Assert.Single(events, e => e.Data is RenderStarted);
        Assert.Single(events, e => e.Data is GenerationFailed);
    }

    [Fact]
    public async Task A_job_whose_workers_keep_dying_ends_failed_and_refunded_on_its_next_start()
    {
        var maker = await Api.SignUpAsync($"maker_{Guid.NewGuid().ToString("N")[..8]}");
        var before = await Api.CreditsAsync(maker.Token);
        // Queued, then started three times by workers that each died (what the durable inbox leaves behind).
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using (var session = Host.Store.LightweightSession())
        {
            var spend = new Sora.Domain.Credits.CreditsSpent(maker.Id, id, 1, 0, DateOnly.FromDateTime(now.UtcDateTime), now);
            session.Events.Append(Sora.Domain.Credits.CreditLedger.StreamFor(maker.Id), spend);
            session.Events.StartStream<Generation>(id,
                new GenerationRequested(id, maker.Id, maker.Handle, "a lost render", 5, VideoAspect.Square1x1, VideoResolution.Sd480, 7, null, null, [],
                    1, 1, 0, DateOnly.FromDateTime(now.UtcDateTime), "lost-1", now),
                new RenderStarted(id, maker.Id, 1, "gone/1", now), new RenderStarted(id, maker.Id, 2, "gone/2", now), new RenderStarted(id, maker.Id, 3, "gone/3", now));
            await session.SaveChangesAsync();
        }
        await Host.App.TrackActivity().IncludeExternalTransports().Timeout(TimeSpan.FromSeconds(60))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(bus => bus.SendAsync(new RenderVideo(id)).AsTask()));

        var state = (await Api.PostAsync("query($id: ID!) { generation(id: $id) { state reason refunded } }", new { id }, maker.Token)).Ok().GetProperty("generation");
        Assert.Equal(("FAILED", "WORKER_LOST", true),
            (state.GetProperty("state").GetString(), state.GetProperty("reason").GetString(), state.GetProperty("refunded").GetBoolean()));
        Assert.Equal(before, await Api.CreditsAsync(maker.Token));
    }

    [Fact]
    public async Task A_render_left_rendering_with_no_worker_ends_failed_and_refunded_by_the_sweep()
    {
        var maker = await Api.SignUpAsync($"maker_{Guid.NewGuid().ToString("N")[..8]}");
        var before = await Api.CreditsAsync(maker.Token);
        // Two generations RENDERING with no job anywhere (what a last delivery that failed before it could report leaves):
        // one started an hour ago, past its deadline and the grace; one just started, which a live worker may still hold.
        var now = DateTimeOffset.UtcNow;
        var stalled = await RenderingAsync(maker, "stalled-1", now.AddHours(-1));
        var live = await RenderingAsync(maker, "live-1", now);

        var sweeper = Host.Services.GetRequiredService<Sora.Render.Generations.StalledRenderSweeper>();
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));

        var ended = (await Api.PostAsync("query($id: ID!) { generation(id: $id) { state reason refunded } }", new { id = stalled }, maker.Token)).Ok().GetProperty("generation");
        Assert.Equal(("FAILED", "RENDER_STALLED", true),
            (ended.GetProperty("state").GetString(), ended.GetProperty("reason").GetString(), ended.GetProperty("refunded").GetBoolean()));
        var running = (await Api.PostAsync("query($id: ID!) { generation(id: $id) { state } }", new { id = live }, maker.Token)).Ok().GetProperty("generation");
        Assert.Equal("RENDERING", running.GetProperty("state").GetString());
        // The stalled one's credit came back; the live one's is still spent.
        Assert.Equal(before - 1, await Api.CreditsAsync(maker.Token));
        // Nothing is left to sweep: the ended generation is not touched twice.
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
    }

    private async Task<Guid> RenderingAsync(TestAccount maker, string clientRequestId, DateTimeOffset startedAt)
    {
        var id = Guid.CreateVersion7();
        // Today's free quota pays for both, whatever the start time says, so the balance check holds near midnight too.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var session = Host.Store.LightweightSession();
        var spend = new Sora.Domain.Credits.CreditsSpent(maker.Id, id, 1, 0, today, startedAt);
        session.Events.Append(Sora.Domain.Credits.CreditLedger.StreamFor(maker.Id), spend);
        session.Events.StartStream<Generation>(id,
            new GenerationRequested(id, maker.Id, maker.Handle, "a render nobody finished", 5, VideoAspect.Square1x1, VideoResolution.Sd480, 7, null, null, [],
                1, 1, 0, today, clientRequestId, startedAt),
            new RenderStarted(id, maker.Id, 1, "gone/1", startedAt));
        await session.SaveChangesAsync();
        return id;
    }
}
