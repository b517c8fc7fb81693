using Sora.Domain.Media;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Generations;
using Sora.Integration.Tests.Support;
using Sora.Render.Media;
using Wolverine.Runtime;
using Xunit;

namespace Sora.Integration.Tests.Generations;

/// <summary>
/// An API node in this test process; workers in a separate OS process and in this one. Node heartbeats are tightened
/// (1 s, stale after 3 s) so that a dead worker is noticed in seconds rather than the production minute.
/// </summary>
public sealed class RenderFailoverFixture : IAsyncLifetime
{
    public const string Schema = "sora_failover";
    public static readonly Dictionary<string, string?> FastHeartbeats = new()
    {
        ["Sora:Daemon"] = "HotCold", // three nodes on one schema: projections run on one of them at a time
        ["Sora:Nodes:HeartbeatSeconds"] = "1",
        ["Sora:Nodes:StaleAfterSeconds"] = "3",
    };

    public ExternalIssuer Issuer { get; } = new();
    public RunningHost Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await RunningHost.StartAsync(Schema, Issuer, "api", FastHeartbeats);
        await Api.Store.Advanced.ResetAllData();
        // Jobs left in the inbox by an earlier, aborted run would otherwise be recovered into this one.
        await Api.Services.GetRequiredService<IWolverineRuntime>().Storage.Admin.ClearAllAsync();
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

[CollectionDefinition("render-failover")]
public sealed class RenderFailoverCollection : ICollectionFixture<RenderFailoverFixture>;

[Collection("render-failover")]
public sealed class RenderFailoverTests(RenderFailoverFixture nodes)
{
    [Fact]
    public async Task A_render_whose_worker_is_killed_mid_render_completes_on_another_worker_and_is_charged_once()
    {
        var api = new GraphQLClient(nodes.Api.Http);
        var maker = await api.SignUpAsync($"maker_{Guid.NewGuid().ToString("N")[..8]}");
        var creditsBefore = await api.CreditsAsync(maker.Token);

        await using var doomed = await WorkerProcess.StartAsync(
            RunningHost.Settings(RenderFailoverFixture.Schema, nodes.Issuer, "worker", RenderFailoverFixture.FastHeartbeats));
        var id = await api.RequestAsync(maker.Token, GenerationFlow.Input("a lighthouse beam sweeps over a stormy sea", "failover-1"));

        RunningHost? survivor = null;
        try
        {
            await using var ws = await WsClient.ConnectAndInitAsync(nodes.Api.WebSocketUri, maker.Token);
            ws.Patience = TimeSpan.FromSeconds(60); // covers ejection (2 stale heartbeats), recovery and a second start
            var killed = false;
            var updates = await GenerationFlow.FollowAsync(ws, id, async update =>
            {
                if (killed || update["state"]!.GetValue<string>() != "RENDERING") return;
                // The job is in the doomed worker's hands: kill it as a machine dies, then bring up a fresh worker.
                await doomed.KillAsync();
                killed = true;
                survivor = await RunningHost.StartAsync(RenderFailoverFixture.Schema, nodes.Issuer, "worker", RenderFailoverFixture.FastHeartbeats);
            });

            Assert.True(killed, "the render never reached RENDERING on the first worker");
            Assert.Equal("READY", updates[^1]["state"]!.GetValue<string>());

            // Two attempts on record: the first by the killed process, the second (which finished it) by this one.
            await using var query = nodes.Api.Store.QuerySession();
            var starts = (await query.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<RenderStarted>().ToList();
            Assert.Equal(2, starts.Count);
            Assert.EndsWith($"/{doomed.Id}", starts[0].Worker);
            Assert.EndsWith($"/{Environment.ProcessId}", starts[1].Worker);

            var generation = await query.LoadAsync<Generation>(id);
            Assert.Equal(GenerationStage.Ready, generation!.Stage);
            var mp4 = nodes.Api.Services.GetRequiredService<IMediaStore>().LocalPath(generation.VideoMediaId!);
            var info = await MediaProbe.ProbeAsync(mp4!);
            Assert.Equal(("h264", "aac"), (info!.VideoCodec, info.AudioCodec));
            Assert.InRange(info.Duration.TotalSeconds, 4.9, 5.1);

            // The dead attempt was neither charged twice nor refunded: one price, paid once.
            Assert.Equal(creditsBefore - generation.Price, await api.CreditsAsync(maker.Token));
        }
        finally
        {
            if (survivor is not null) await survivor.DisposeAsync();
        }
    }
}
