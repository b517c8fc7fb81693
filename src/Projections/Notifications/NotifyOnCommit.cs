using System.Text.Json;
using Marten;

namespace Sora.Projections.Notifications;

/// <summary>
/// Queues one <c>pg_notify</c> per notification into the same transaction as the events. PostgreSQL delivers
/// NOTIFY only on commit, so every API node listening on <see cref="Channel"/> hears exactly the committed
/// changes, and a rolled-back command notifies no one. A session listener, not a projection, so a projection
/// rebuild never replays old notifications.
/// </summary>
public sealed class NotifyOnCommit : DocumentSessionListenerBase
{
    public const string Channel = "sora_notifications";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var stream in session.PendingChanges.Streams())
        foreach (var e in stream.Events)
        foreach (var notification in NotificationRules.For(e.Data, e.Sequence))
            session.QueueSqlCommand("select pg_notify(?, ?)", Channel, JsonSerializer.Serialize(notification));
        return Task.CompletedTask;
    }
}
