using Sora.Domain.Generations;
using System.Text.Json;
using Npgsql;
using Sora.Projections.Notifications;

namespace Sora.Render.Generations;

/// <summary>
/// Render progress is not an event (DESIGN §5): the worker sends it straight to the notification channel every
/// API node listens on, and subscriptions carry it. Percentages are sent in steps of 5 to keep the channel quiet.
/// </summary>
public sealed class GenerationProgress(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task SendAsync(Generation generation, GenerationState state, int percent, CancellationToken ct)
    {
        var notification = NotificationRules.Generation(generation.RequesterId, generation.Id, state, clock.GetUtcNow(), 0, percent);
        await using var command = dataSource.CreateCommand("select pg_notify($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = NotifyOnCommit.Channel });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(notification) });
        await command.ExecuteNonQueryAsync(ct);
    }
}
