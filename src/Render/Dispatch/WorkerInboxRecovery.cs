using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime;
using Wolverine.Transports;

namespace Sora.Render.Dispatch;

/// <summary>
/// Gives a dead worker's jobs to the living ones. When a worker dies mid-render its job stays in the durable inbox,
/// owned by that node; once the node's heartbeat goes stale the leader ejects it and the job's owner becomes "any
/// node". Wolverine then recovers such jobs only from the one node that holds the database's durability agent, and
/// only into a listener that node has: an API-only node holds no render listener, so the job would wait forever.
/// Every worker therefore sweeps ownerless jobs of its own queues into its own listener. A PostgreSQL advisory lock
/// lets one worker sweep at a time, so two workers never claim the same job.
/// </summary>
public sealed class WorkerInboxRecovery(IWolverineRuntime runtime, NpgsqlDataSource database, IDocumentStore store,
    ILogger<WorkerInboxRecovery> logger) : BackgroundService
{
    // One lock per schema: test suites and side-by-side installs share a database. hashtext is stable across processes.
    private string LockName => $"sora:inbox-recovery:{store.Options.DatabaseSchemaName}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(runtime.DurabilitySettings.ScheduledJobPollingTime);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Inbox recovery sweep failed; retrying on the next tick");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var queues = runtime.Endpoints.ActiveListeners()
            .Where(l => l.Uri.Scheme == "postgresql" && l.Status == ListeningStatus.Accepting)
            .ToList();
        if (queues.Count == 0) return 0;

        await using var connection = await database.OpenConnectionAsync(ct);
        await using (var tryLock = new NpgsqlCommand("select pg_try_advisory_lock(hashtext($1))", connection) { Parameters = { new() { Value = LockName } } })
            if (await tryLock.ExecuteScalarAsync(ct) is not true) return 0; // another worker is sweeping right now
        try
        {
            var recovered = 0;
            foreach (var queue in queues) recovered += await new ListenerInboxRecovery(runtime, queue, logger).RecoverAsync(ct);
            if (recovered > 0) logger.LogWarning("Recovered {Count} job(s) left behind by a dead node", recovered);
            return recovered;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtext($1))", connection) { Parameters = { new() { Value = LockName } } };
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }
}
