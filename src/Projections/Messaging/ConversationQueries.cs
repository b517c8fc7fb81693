using Marten;
using Sora.Domain.Messaging;

namespace Sora.Projections.Messaging;

/// <summary>
/// The read side of direct messages: a member's conversations by last activity, and one conversation's messages, newest
/// first, both keyset-paged by event sequence. Nothing here is visible to anyone but a member (and, for a message, the
/// members it was delivered to).
/// </summary>
public static class ConversationQueries
{
    /// <summary>The viewer's conversations (or, with <paramref name="requests"/>, the message requests addressed to them).</summary>
    public static async Task<IReadOnlyList<Conversation>> PageAsync(IQuerySession session, Guid viewer, bool requests, long? before, int take,
        CancellationToken ct)
    {
        var under = before ?? long.MaxValue;
        var query = requests
            ? session.Query<Conversation>().Where(c => c.Pending.Contains(viewer) && !c.Deleted && c.LastSeq < under)
            : session.Query<Conversation>().Where(c => c.Listed.Contains(viewer) && c.LastSeq < under);
        return await query.OrderByDescending(c => c.LastSeq).Take(take).ToListAsync(ct);
    }

    /// <summary>The conversation if the viewer is in it; null otherwise (whether or not it exists).</summary>
    public static async Task<Conversation?> ForMemberAsync(IQuerySession session, Guid conversationId, Guid viewer, CancellationToken ct) =>
        await session.LoadAsync<Conversation>(conversationId, ct) is { } c && c.IsMember(viewer) ? c : null;

    /// <summary>A page of the messages the viewer sees in a conversation (sent or delivered to them), newest first.</summary>
    public static async Task<IReadOnlyList<MessageRecord>> MessagesAsync(IQuerySession session, Guid conversationId, Guid viewer, long? before, int take,
        CancellationToken ct)
    {
        var under = before ?? long.MaxValue;
        return await session.Query<MessageRecord>()
            .Where(m => m.ConversationId == conversationId && m.Seq < under && (m.SenderId == viewer || m.RecipientIds.Contains(viewer)))
            .OrderByDescending(m => m.Seq).Take(take).ToListAsync(ct);
    }
}
