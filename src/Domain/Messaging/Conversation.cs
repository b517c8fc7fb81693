using JasperFx.Events;
using Sora.Domain.Common;

namespace Sora.Domain.Messaging;

/// <summary>How far a member has read: the last message read and its event sequence.</summary>
public sealed record ReadMark(Guid AccountId, Guid MessageId, long Seq, DateTimeOffset At);

/// <summary>
/// A conversation: its members, its open request, how far each member read, and when it last moved. Inline snapshot, so
/// every decision and the conversation list read it in their own transaction. Immutable; Create/Apply are public for
/// Marten 9. <see cref="LastSeq"/> (the sequence of its latest start or message) orders the list by last activity, and
/// is unique across conversations, so it is also the keyset cursor.
/// </summary>
public sealed record Conversation(Guid Id, bool IsGroup, Guid StartedBy, Guid[] Members, Guid[] Pending, Guid? DeclinedBy, int SentWhilePending,
    ReadMark[] ReadMarks, DateTimeOffset StartedAt, DateTimeOffset LastActivityAt, long LastSeq, bool Deleted)
{
    /// <summary>The members who see it in their conversation list: not those with an open request, not who declined it.</summary>
    public Guid[] Listed { get; init; } = [];

    public static Conversation Create(IEvent<ConversationStarted> e) =>
        new Conversation(e.Data.ConversationId, e.Data.IsGroup, e.Data.StartedBy, e.Data.Members, e.Data.RequestedOf, null, 0, [], e.Data.At, e.Data.At,
            e.Sequence, false).Relisted();

    public Conversation Apply(IEvent<MessageSent> e) => this with
    {
        LastSeq = e.Sequence,
        LastActivityAt = e.Data.At,
        SentWhilePending = Pending.Length > 0 && e.Data.SenderId == StartedBy ? SentWhilePending + 1 : SentWhilePending,
    };

    // The decliner accepting (by answering) lifts the decline.
    public Conversation Apply(MessageRequestAccepted e) => (this with
    {
        Pending = Pending.Where(p => p != e.AccountId).ToArray(),
        DeclinedBy = DeclinedBy == e.AccountId ? null : DeclinedBy,
    }).Relisted();

    public Conversation Apply(MessageRequestDeclined e) =>
        (this with { Pending = Pending.Where(p => p != e.AccountId).ToArray(), DeclinedBy = e.AccountId }).Relisted();

    public Conversation Apply(ConversationRead e) => this with
    {
        ReadMarks = [.. ReadMarks.Where(m => m.AccountId != e.AccountId), new ReadMark(e.AccountId, e.UpToMessageId, e.UpToSeq, e.At)],
    };

    public Conversation Apply(ConversationMemberLeft e) => (this with
    {
        Members = Members.Where(m => m != e.AccountId).ToArray(),
        Pending = Pending.Where(p => p != e.AccountId).ToArray(),
        ReadMarks = ReadMarks.Where(m => m.AccountId != e.AccountId).ToArray(),
    }).Relisted();

    public Conversation Apply(ConversationDeleted e) => (this with { Deleted = true }).Relisted();

    private Conversation Relisted() =>
        this with { Listed = Deleted ? [] : Members.Where(m => !Pending.Contains(m) && m != DeclinedBy).ToArray() };

    /// <summary>Whether the account may see it at all: a member of a conversation that was not deleted.</summary>
    public bool IsMember(Guid account) => !Deleted && Members.Contains(account);

    public bool IsRequestFor(Guid account) => Pending.Contains(account);

    public ReadMark? MarkOf(Guid account) => ReadMarks.FirstOrDefault(m => m.AccountId == account);

    /// <summary>One live one-to-one conversation per pair of accounts: the key its <see cref="DirectPair"/> is stored under.</summary>
    public static Guid PairIdFor(Guid a, Guid b) =>
        a.CompareTo(b) <= 0 ? DeterministicGuid.From("direct-pair", a, b) : DeterministicGuid.From("direct-pair", b, a);
}

/// <summary>The live one-to-one conversation between two accounts (inline; gone once it is deleted, so a new one can start).</summary>
public sealed class DirectPair
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
}

/// <summary>
/// One message, ids only (the text is in the vault): pages a conversation's messages by <see cref="Seq"/>, answers a retry
/// by its id, counts a sender's last minute, and says whose messages to erase when an account goes.
/// </summary>
public sealed class MessageRecord
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid SenderId { get; set; }
    public Guid[] RecipientIds { get; set; } = [];
    public bool HasText { get; set; }
    public Guid? SharedVideoId { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public long Seq { get; set; }

    /// <summary>Whether the account sees this message: its sender, or one it was delivered to.</summary>
    public bool DeliveredTo(Guid account) => SenderId == account || RecipientIds.Contains(account);
}
