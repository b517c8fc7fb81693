using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sora.Domain.Generations;
using Wolverine;

namespace Sora.Render.Generations;

/// <summary>
/// The last safety net for "renders never die silently". Every path the render handler sees ends the generation
/// (finished, timed out, abandoned, dead-lettered after its last try), but one it cannot see: a job whose last delivery
/// fails before the handler can report anything, for instance when the database drops at that moment, goes to the
/// dead-letter table with its generation still RENDERING and its price spent. So workers look, once a minute, for
/// generations that have been RENDERING longer than their own deadline plus a grace that covers retry backoff and the
/// recovery of a dead worker's job; no live render can be in that state, because the handler cancels at the
/// deadline. Each one ends FAILED (RENDER_STALLED) and refunded through the ordinary <see cref="FailRender"/> verb, which
/// leaves alone whatever finished meanwhile. A PostgreSQL advisory lock lets one worker sweep at a time.
/// </summary>
public sealed class StalledRenderSweeper(IDocumentStore store, NpgsqlDataSource database, IMessageBus bus, RenderDeadline deadline,
    TimeProvider clock, ILogger<StalledRenderSweeper> logger) : BackgroundService
{
    public const string Reason = "RENDER_STALLED";
    /// <summary>Generations ended per sweep: a backlog (after a long outage) drains over several sweeps, never in one burst.</summary>
    private const int MaxPerSweep = 100;
    /// <summary>Renders read per sweep whose own deadline decides whether they stalled.</summary>
    private const int MaxCandidates = 1000;

    private string LockName => $"sora:stalled-renders:{store.Options.DatabaseSchemaName}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, deadline.StallSweepSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Stalled-render sweep failed; retrying on the next tick");
            }
        }
    }

    /// <summary>Ends every stalled render it finds; answers how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using (var tryLock = new NpgsqlCommand("select pg_try_advisory_lock(hashtext($1))", connection) { Parameters = { new() { Value = LockName } } })
            if (await tryLock.ExecuteScalarAsync(ct) is not true) return 0; // another worker is sweeping right now
        try
        {
            var now = clock.GetUtcNow();
            // Past the longest deadline every render is stalled; between the shortest and the longest, each one's own
            // deadline decides. Two queries, so long renders still within their time never crowd out stalled ones.
            var surely = now - deadline.Longest - deadline.StallGrace;
            var maybe = now - deadline.Shortest - deadline.StallGrace;
            await using var query = store.QuerySession();
            var stalled = (await query.Query<Generation>()
                .Where(g => g.Stage == GenerationStage.Rendering && g.UpdatedAt < surely)
                .OrderBy(g => g.UpdatedAt).Take(MaxPerSweep).ToListAsync(ct)).ToList();
            if (stalled.Count < MaxPerSweep)
                stalled.AddRange((await query.Query<Generation>()
                        .Where(g => g.Stage == GenerationStage.Rendering && g.UpdatedAt >= surely && g.UpdatedAt < maybe)
                        .OrderBy(g => g.UpdatedAt).Take(MaxCandidates).ToListAsync(ct))
                    .Where(g => g.UpdatedAt + deadline.For(g) + deadline.StallGrace < now).Take(MaxPerSweep - stalled.Count));
            var ended = 0;
            foreach (var generation in stalled)
            {
                logger.LogWarning("Render {GenerationId} stalled: RENDERING since {Since} with no worker on it", generation.Id, generation.UpdatedAt);
                await bus.InvokeAsync(new FailRender(generation.Id, Reason,
                    $"No worker reported on this render within its time limit of {deadline.For(generation).TotalSeconds:0} s."), ct);
                ended++;
            }
            return ended;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtext($1))", connection) { Parameters = { new() { Value = LockName } } };
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }
}
