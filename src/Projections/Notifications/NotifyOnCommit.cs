using System.Text.Json;
using Marten;
using Sora.Domain.Moderation;
using Sora.Projections.Moderation;

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

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var outcomes = new List<(Guid CaseId, ModerationChange Change, DateTimeOffset At, long Sequence)>();
        foreach (var stream in session.PendingChanges.Streams())
        foreach (var e in stream.Events)
        {
            foreach (var notification in NotificationRules.For(e.Data, e.Sequence)) Notify(session, notification);
            foreach (var notification in Messaging.MessageNotifications.For(e.Data, e.Sequence)) Notify(session, notification);
            if (ModerationNotifications.Of(e.Data) is not { } moderation) continue;
            Notify(session, ModerationNotifications.ForQueue(moderation.CaseId, moderation.Change, moderation.At, e.Sequence));
            if (ModerationNotifications.IsOutcome(moderation.Change)) outcomes.Add((moderation.CaseId, moderation.Change, moderation.At, e.Sequence));
        }
        if (outcomes.Count == 0) return;
        // The reporters are on the case as it stood before this transaction: an action never arrives with a report.
        var cases = (await session.LoadManyAsync<ModerationCase>(token, outcomes.Select(o => o.CaseId).Distinct().ToArray())).ToDictionary(c => c.Id);
        foreach (var (caseId, change, at, sequence) in outcomes)
            if (cases.TryGetValue(caseId, out var @case))
                foreach (var notification in ModerationNotifications.ForReporters(@case, change, at, sequence)) Notify(session, notification);
    }

    private static void Notify(IDocumentSession session, UserNotification notification) =>
        session.QueueSqlCommand("select pg_notify(?, ?)", Channel, JsonSerializer.Serialize(notification));
}
