using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Messaging;

/// <summary>
/// What deleting an account does to its messages, inside the deleting transaction (the caller saves): each of its
/// one-to-one conversations is deleted and crypto-shredded (key and texts destroyed, for both sides); in each group it
/// is still in, it leaves; and the texts of every message it sent into a group, left earlier or not, are deleted, so the
/// others keep their own words but none of its. The events stay, with ids only.
/// </summary>
public static class ShredAccount
{
    public static async Task ShredAccountAsync(IDocumentSession session, PersonalDataVault vault, Guid accountId, DateTimeOffset now,
        CancellationToken ct = default)
    {
        var shredded = new HashSet<Guid>();
        var conversations = await session.Query<Conversation>().Where(c => c.Members.Contains(accountId) && !c.Deleted).ToListAsync(ct);
        foreach (var listed in conversations)
        {
            var stream = await session.Events.FetchForWriting<Conversation>(listed.Id, ct);
            var decision = ShredAccountDecider.Decide(accountId, stream.Aggregate, now);
            if (decision.Events.Count == 0) continue;
            stream.AppendMany(decision.Events);
            if (!decision.Events.OfType<ConversationDeleted>().Any()) continue;
            vault.Shred(session, listed.Id);
            shredded.Add(listed.Id);
        }

        var sent = await session.Query<MessageRecord>().Where(m => m.SenderId == accountId && m.HasText).Select(m => new SentText(m.Id, m.ConversationId))
            .ToListAsync(ct);
        foreach (var inConversation in sent.Where(m => !shredded.Contains(m.ConversationId)).GroupBy(m => m.ConversationId))
            vault.DeleteRecords(session, inConversation.Key, MessageTexts.Kind, inConversation.Select(m => m.MessageId));
    }

    public sealed record SentText(Guid MessageId, Guid ConversationId);
}

/// <summary>Pure: a one-to-one conversation is deleted; a group is left (and deleted when it was the last member).</summary>
public static class ShredAccountDecider
{
    public static Decision<object> Decide(Guid accountId, Conversation? conversation, DateTimeOffset now)
    {
        if (conversation is null || !conversation.IsMember(accountId)) return Decision<object>.Accept();
        return conversation.IsGroup
            ? LeaveConversationDecider.Decide(accountId, conversation, now, accountDeleted: true)
            : Decision<object>.Accept(new ConversationDeleted(conversation.Id, accountId, true, now));
    }
}
