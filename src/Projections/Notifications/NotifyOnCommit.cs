using System.Text.Json;
using Marten;
using Sora.Domain.Notifications;

namespace Sora.Projections.Notifications;

/// <summary>
/// Queues one <c>pg_notify</c> per notification into the same transaction as the events. PostgreSQL delivers
/// NOTIFY only on commit, so every API node listening on <see cref="Channel"/> hears exactly the committed
/// changes, and a rolled-back command notifies no one. A session listener, not a projection, so a projection
/// rebuild never replays old notifications.
/// <para>
/// It runs after the inline projections (Marten applies them before the listeners' BeforeSaveChanges), so it pushes
/// exactly the inbox items <see cref="InboxProjection"/> stored in this transaction, with their ids, and adds the
/// live-only kinds from the same mapping (<see cref="NotificationRules"/>), which need no lookups. The push therefore
/// costs no query of its own: preferences, mutes and blocks were read once, in batches, by the projection.
/// </para>
/// </summary>
public sealed class NotifyOnCommit : DocumentSessionListenerBase
{
    public const string Channel = "sora_notifications";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        // Only the projection stores inbox items; read marks are set-based SQL, so nothing here is pushed twice.
        // Materialized first: queuing a NOTIFY adds to the operations being enumerated.
        foreach (var item in session.PendingChanges.AllChangedFor<InboxItem>().ToList()) Notify(session, item.Notification);
        foreach (var stream in session.PendingChanges.Streams())
        foreach (var e in stream.Events)
        {
            foreach (var notification in NotificationRules.For(e.Data, e.Sequence))
                if (!NotificationKinds.IsStored(notification.Kind)) Notify(session, notification);
            // Each message is live only (the conversation list is its own record): every member's devices hear it.
            foreach (var notification in Messaging.MessageNotifications.For(e.Data, e.Sequence)) Notify(session, notification);
        }
        return Task.CompletedTask;
    }

    private static void Notify(IDocumentSession session, UserNotification notification) =>
        session.QueueSqlCommand("select pg_notify(?, ?)", Channel, JsonSerializer.Serialize(notification));
}
