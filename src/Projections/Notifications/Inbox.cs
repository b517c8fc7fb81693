using Marten;
using Sora.Domain.Notifications;

namespace Sora.Projections.Notifications;

/// <summary>The inbox queries: each touches one recipient's rows, at most <see cref="InboxItem.MaxPerAccount"/>.</summary>
public static class Inbox
{
    /// <summary>Newest first, strictly older than <paramref name="beforeSeq"/> (the keyset cursor).</summary>
    public static Task<IReadOnlyList<InboxItem>> PageAsync(IQuerySession session, Guid recipient, long beforeSeq, bool unreadOnly, int take, CancellationToken ct)
    {
        var query = session.Query<InboxItem>().Where(i => i.RecipientId == recipient && i.Seq < beforeSeq);
        if (unreadOnly) query = query.Where(i => !i.Read);
        return query.OrderByDescending(i => i.Seq).Take(take).ToListAsync(ct);
    }

    public static Task<int> UnreadCountAsync(IQuerySession session, Guid recipient, CancellationToken ct) =>
        session.Query<InboxItem>().CountAsync(i => i.RecipientId == recipient && !i.Read, ct);
}
