using Sora.Domain.Notifications;
using System.Text.Json;
using Npgsql;
using Sora.Domain.Generations;
using Sora.Projections.Notifications;

namespace Sora.GraphQL.Schema.Generations;

/// <summary>
/// Sends a worker's render progress straight to the notification channel every API node listens on, where
/// subscriptions pick it up. The worker reports in steps of 5 percent, which keeps the channel quiet.
/// </summary>
public sealed class GenerationProgress(NpgsqlDataSource dataSource, TimeProvider clock) : IRenderProgress
{
    public async Task ReportAsync(Generation generation, RenderStep step, int percent, CancellationToken ct)
    {
        var state = step == RenderStep.Encoding ? GenerationState.Encoding : GenerationState.Rendering;
        var notification = NotificationRules.Generation(generation.RequesterId, generation.Id, state, clock.GetUtcNow(), 0, percent);
        await using var command = dataSource.CreateCommand("select pg_notify($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = NotifyOnCommit.Channel });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(notification) });
        await command.ExecuteNonQueryAsync(ct);
    }
}
