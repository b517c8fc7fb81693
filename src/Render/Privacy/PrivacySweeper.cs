using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sora.Domain.Accounts;
using Sora.Domain.Privacy;
using Wolverine;

namespace Sora.Render.Privacy;

/// <summary>
/// The clock of the right to leave. Once a minute, workers look for accounts whose deletion date has come and send each
/// one's <see cref="DeleteAccount"/>, which re-checks the request and the date itself; and for export archives nobody
/// downloaded in time, which are closed (<see cref="CloseDataExport"/>) and deleted. A PostgreSQL advisory lock lets one
/// worker sweep at a time; what fails (a concurrent write) is simply found again on the next sweep.
/// </summary>
public sealed class PrivacySweeper(IDocumentStore store, NpgsqlDataSource database, IMessageBus bus, Sora.Domain.Media.IMediaStore media,
    TimeProvider clock, ILogger<PrivacySweeper> logger) : BackgroundService
{
    /// <summary>Deletions per sweep: each is one transaction over everything the account had; a backlog drains over sweeps.</summary>
    private const int MaxPerSweep = 20;

    private string LockName => $"sora:privacy-sweep:{store.Options.DatabaseSchemaName}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
                await ExpireExportsAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Privacy sweep failed; retrying on the next tick");
            }
        }
    }

    /// <summary>Deletes every account whose grace period has ended (at most <see cref="MaxPerSweep"/>); answers how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using (var tryLock = new NpgsqlCommand("select pg_try_advisory_lock(hashtext($1))", connection) { Parameters = { new() { Value = LockName } } })
            if (await tryLock.ExecuteScalarAsync(ct) is not true) return 0;
        try
        {
            var now = clock.GetUtcNow();
            await using var query = store.QuerySession();
            var due = await query.Query<Account>().Where(a => a.Deletion != null && a.Deletion.DueAt <= now)
                .OrderBy(a => a.Deletion!.DueAt).Take(MaxPerSweep).ToListAsync(ct);
            var deleted = 0;
            foreach (var account in due)
            {
                var result = await bus.InvokeAsync<Sora.Domain.Common.CommandResult>(new DeleteAccount(account.Id, account.Deletion!.RequestId), ct);
                if (result.Refusal is null) deleted++;
                else logger.LogInformation("Deletion of {Account} not done: {Reason}", account.Id, result.Refusal.Message);
            }
            return deleted;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtext($1))", connection) { Parameters = { new() { Value = LockName } } };
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    /// <summary>Closes and deletes every ready archive whose link has expired; answers how many.</summary>
    public async Task<int> ExpireExportsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var query = store.QuerySession();
        var expired = await query.Query<DataExport>().Where(e => e.Status == DataExportStatus.Ready && e.ExpiresAt < now)
            .OrderBy(e => e.ExpiresAt).Take(100).ToListAsync(ct);
        var closed = 0;
        foreach (var export in expired)
        {
            var result = await bus.InvokeAsync<ClosedDataExport>(new CloseDataExport(export.Id, null, Expired: true), ct);
            if (result.ArchiveId is not { } archive) continue;
            await media.DeleteAsync(archive, ct);
            closed++;
        }
        return closed;
    }
}
