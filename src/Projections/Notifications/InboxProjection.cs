using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sora.Domain.Notifications;
using Sora.Domain.Social;

namespace Sora.Projections.Notifications;

/// <summary>
/// The inbox: one <see cref="InboxItem"/> per stored notification (<see cref="NotificationKinds.IsStored"/>), from the
/// one mapping (<see cref="NotificationRules"/>). Inline, in the transaction of the event, because the live push is made
/// of exactly the items this projection stores (<see cref="NotifyOnCommit"/> reads them from the session's pending
/// changes): the id a client hears can be read and marked at once, a kind switched off or a muted account is dropped in
/// one place for both paths, and the preferences, mutes and blocks are read once per transaction (one batched round trip).
/// A rebuild re-runs this projection without the listener, so it refills inboxes and pushes nothing; it applies the
/// settings as they are at the rebuild, not as they were.
/// </summary>
public sealed class InboxProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var facts = await NotificationFacts.LoadAsync(ops, events.Select(e => e.Data), ct);
        // At most one item per recipient and event: the sequence is the per-recipient keyset cursor.
        var planned = events.Select(e => NotificationRules.For(e.Data, e.Sequence, facts)
                .Where(n => NotificationKinds.IsStored(n.Kind)).DistinctBy(n => n.RecipientId).ToList())
            .ToList();
        var (settings, blocked) = await SettingsAndBlocksAsync(ops, planned.SelectMany(p => p).ToList(), ct);

        // In event order: in a rebuild, a read mark or a block may follow the items it concerns in the same batch.
        var stored = new Dictionary<Guid, InboxItem>();
        for (var i = 0; i < events.Count; i++)
        {
            foreach (var n in planned[i])
            {
                var mine = settings.GetValueOrDefault(n.RecipientId);
                if (mine is not null && !mine.Allows(n.Kind, n.ActorId)) continue;
                // Defence in depth (a block already refuses most actions): nothing between blocked accounts, either way.
                if (n.ActorId != n.RecipientId && blocked.Contains(Relationship.IdFor(n.ActorId, n.RecipientId))) continue;
                var item = InboxItem.For(n, events[i].Id, read: n.Sequence <= (mine?.ReadThrough ?? 0));
                stored[item.Id] = item;
            }
            switch (events[i].Data)
            {
                case NotificationsRead r:
                    foreach (var item in stored.Values.Where(x => x.RecipientId == r.AccountId && (r.AndOlder ? x.Seq <= r.Sequence : x.Id == r.ItemId))) item.Read = true;
                    MarkRead(ops, r);
                    break;
                case Blocked b:
                    foreach (var item in stored.Values.Where(x => Between(x, b.BlockerId, b.BlockedId)).ToList()) stored.Remove(item.Id);
                    ForgetBetween(ops, b.BlockerId, b.BlockedId);
                    break;
                // Here, not in an eraser: the deletion's transaction runs it, and so does a rebuild, which then brings
                // none of a deleted account's items back.
                case Sora.Domain.Privacy.AccountDeleted d:
                    foreach (var item in stored.Values.Where(x => x.RecipientId == d.AccountId || x.ActorId == d.AccountId).ToList()) stored.Remove(item.Id);
                    NotificationErasure.ForgetAccount(ops, d.AccountId);
                    break;
            }
        }
        foreach (var item in stored.Values) ops.Store(item);
        if (stored.Count > 0) Prune(ops, stored.Values.Select(x => x.RecipientId).Distinct().ToArray());
    }

    /// <summary>The recipients' settings and the blocks between actors and recipients: one round trip for both, none when nobody is told.</summary>
    private static async Task<(Dictionary<Guid, NotificationSettings> Settings, HashSet<Guid> Blocked)> SettingsAndBlocksAsync(IDocumentOperations ops,
        IReadOnlyList<UserNotification> notifications, CancellationToken ct)
    {
        if (notifications.Count == 0) return ([], []);
        var batch = ops.CreateBatchQuery();
        var settings = batch.LoadMany<NotificationSettings>().ById(notifications.Select(n => NotificationSettings.StreamFor(n.RecipientId)).Distinct().ToArray());
        var pairs = notifications.Where(n => n.ActorId != n.RecipientId).Select(n => Relationship.IdFor(n.ActorId, n.RecipientId)).Distinct().ToArray();
        var relationships = pairs.Length == 0 ? null : batch.LoadMany<Relationship>().ById(pairs);
        await batch.Execute(ct);
        return ((await settings).ToDictionary(x => x.AccountId),
            relationships is null ? [] : (await relationships).Where(r => r.Blockers.Length > 0).Select(r => r.Id).ToHashSet());
    }

    private static bool Between(InboxItem item, Guid a, Guid b) =>
        (item.RecipientId == a && item.ActorId == b) || (item.RecipientId == b && item.ActorId == a);

    private static string Table(IDocumentOperations ops) => $"{ops.DocumentStore.Options.DatabaseSchemaName}.mt_doc_inboxitem";

    /// <summary>Set-based, both the column and the document (the column answers the counts, the document the reads).</summary>
    private static void MarkRead(IDocumentOperations ops, NotificationsRead r) =>
        ops.QueueSqlCommand(r.AndOlder
                ? $"update {Table(ops)} set read = true, data = jsonb_set(data, '{{Read}}', 'true') where recipient_id = ? and seq <= ? and read = false"
                : $"update {Table(ops)} set read = true, data = jsonb_set(data, '{{Read}}', 'true') where recipient_id = ? and id = ?",
            r.AccountId, r.AndOlder ? r.Sequence : r.ItemId);

    /// <summary>A block takes what each caused in the other's inbox with it: neither learns of the other through it.</summary>
    private static void ForgetBetween(IDocumentOperations ops, Guid a, Guid b) =>
        ops.QueueSqlCommand($"delete from {Table(ops)} where (recipient_id = ? and actor_id = ?) or (recipient_id = ? and actor_id = ?)", a, b, b, a);

    /// <summary>
    /// Keeps each recipient's newest <see cref="InboxItem.MaxPerAccount"/>: one statement for the transaction's
    /// recipients, each reading that recipient's rows by index (at most that many, plus this transaction's). Queued after
    /// the items, and statements run in the order queued, so it sees them.
    /// </summary>
    private static void Prune(IDocumentOperations ops, Guid[] recipients) =>
        ops.QueueSqlCommand(
            $"delete from {Table(ops)} i using (select r.id as recipient, (select seq from {Table(ops)} where recipient_id = r.id order by seq desc " +
            $"offset {InboxItem.MaxPerAccount} limit 1) as cutoff from unnest(?::uuid[]) as r(id)) c where i.recipient_id = c.recipient and i.seq <= c.cutoff",
            recipients);
}
