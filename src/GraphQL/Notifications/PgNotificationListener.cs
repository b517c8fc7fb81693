using Sora.Domain.Notifications;
using System.Text.Json;
using Npgsql;
using Sora.Projections.Notifications;

namespace Sora.GraphQL.Notifications;

/// <summary>
/// Holds one dedicated connection per API node on LISTEN <see cref="NotifyOnCommit.Channel"/> and hands every
/// committed notification to the local <see cref="NotificationHub"/>. Reconnects with backoff if the database
/// goes away; notifications sent while disconnected are lost, which is acceptable for live UI hints because
/// the events themselves are durable and queryable.
/// </summary>
public sealed class PgNotificationListener(NpgsqlDataSource dataSource, NotificationHub hub, VideoRemovalHub removals, ILogger<PgNotificationListener> logger)
    : BackgroundService
{
    private volatile TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once LISTEN is active: readiness checks and tests wait on it instead of sleeping.</summary>
    public Task Listening => _listening.Task;

    public bool IsListening => _listening.Task.IsCompletedSuccessfully;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == Sora.Domain.Feed.FeedRemovals.Channel) DispatchRemoval(e.Payload);
                    else Dispatch(e.Payload);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {NotifyOnCommit.Channel}; LISTEN {Sora.Domain.Feed.FeedRemovals.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _listening.TrySetResult();
                backoff = TimeSpan.FromMilliseconds(200);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (_listening.Task.IsCompleted) _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
                logger.LogWarning(e, "Notification listener lost its connection; retrying in {Backoff}", backoff);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private void DispatchRemoval(string payload)
    {
        if (Guid.TryParse(payload, out var video)) removals.Publish(video);
        else logger.LogError("Ignoring a malformed video removal payload");
    }

    private void Dispatch(string payload)
    {
        try
        {
            var notification = JsonSerializer.Deserialize<UserNotification>(payload);
            if (notification is not null) hub.Publish(notification);
        }
        catch (JsonException e)
        {
            logger.LogError(e, "Ignoring a malformed notification payload");
        }
    }
}
