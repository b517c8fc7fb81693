using System.Text.Json;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Sora.GraphQL.Notifications;

namespace Sora.GraphQL.Operations;

/// <summary>Ready only if PostgreSQL answers.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", e);
        }
    }
}

/// <summary>
/// Not ready when an async projection is behind the event store's high-water mark and has not moved for
/// <see cref="StallAfter"/>: that is a stuck daemon (or no node running it), and read models are going stale.
/// A projection that is behind but moving is only catching up.
/// </summary>
public sealed class ProjectionDaemonHealthCheck(IDocumentStore store, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, (long Sequence, DateTimeOffset Since)> _lastMoved = new();
    private readonly Lock _gate = new();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var stats = await store.Advanced.FetchEventStoreStatistics(token: ct);
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        var now = clock.GetUtcNow();
        var stalled = new List<string>();
        var data = new Dictionary<string, object> { ["highWater"] = stats.EventSequenceNumber };
        lock (_gate)
        {
            foreach (var shard in progress.Where(p => p.ShardName != ShardState.HighWaterMark))
            {
                data[shard.ShardName] = shard.Sequence;
                if (!_lastMoved.TryGetValue(shard.ShardName, out var last) || last.Sequence != shard.Sequence)
                    _lastMoved[shard.ShardName] = (shard.Sequence, now);
                else if (shard.Sequence < stats.EventSequenceNumber && now - last.Since > StallAfter)
                    stalled.Add(shard.ShardName);
            }
        }
        return stalled.Count == 0
            ? HealthCheckResult.Healthy("Projections are current or moving.", data)
            : HealthCheckResult.Unhealthy($"Stalled projections: {string.Join(", ", stalled)}", data: data);
    }
}

/// <summary>An API node that cannot hear notifications would silently starve its subscribers.</summary>
public sealed class NotificationListenerHealthCheck(PgNotificationListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(listener.IsListening
            ? HealthCheckResult.Healthy("Listening for notifications.")
            : HealthCheckResult.Unhealthy("Not listening for notifications."));
}

public static class HealthEndpoints
{
    public static void MapSoraHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        }));
    }
}
