using Marten;

namespace Sora.Domain.Messaging;

// One stream per conversation. Ids, flags and times only: a message's text is sealed in the vault under the
// conversation (MessageTexts), never carried by an event, so deleting the conversation's key forgets every word.

/// <summary>
/// A conversation began. <paramref name="Members"/> includes the starter. <paramref name="RequestedOf"/>: the members
/// for whom it is a message request (one-to-one, to someone who does not follow the starter); empty otherwise.
/// </summary>
public sealed record ConversationStarted(Guid ConversationId, Guid StartedBy, Guid[] Members, bool IsGroup, Guid[] RequestedOf, DateTimeOffset At);

/// <summary>
/// A message was delivered to <paramref name="RecipientIds"/>: the members at that moment, less those a block or a teen
/// rule keeps it from (in a group; one-to-one such a message is refused). <paramref name="HasText"/>: its text is sealed
/// under the conversation's key; <paramref name="SharedVideoId"/>: a video shared into it, checked again at every read.
/// </summary>
public sealed record MessageSent(Guid ConversationId, Guid MessageId, Guid SenderId, Guid[] RecipientIds, bool HasText, Guid? SharedVideoId,
    DateTimeOffset At);

/// <summary>The recipient of a message request accepted it (or answered it, which accepts it).</summary>
public sealed record MessageRequestAccepted(Guid ConversationId, Guid AccountId, DateTimeOffset At);

/// <summary>The recipient of a message request declined it: the starter can send nothing more into it.</summary>
public sealed record MessageRequestDeclined(Guid ConversationId, Guid AccountId, DateTimeOffset At);

/// <summary>A member has read the conversation up to one message (its event sequence orders the marks).</summary>
public sealed record ConversationRead(Guid ConversationId, Guid AccountId, Guid UpToMessageId, long UpToSeq, DateTimeOffset At);

/// <summary>A member left a group; <paramref name="AccountDeleted"/>: because the account was deleted (its messages' texts went with it).</summary>
public sealed record ConversationMemberLeft(Guid ConversationId, Guid AccountId, bool AccountDeleted, DateTimeOffset At);

/// <summary>The conversation was deleted and its key destroyed: no text of it can be read again, by anyone.</summary>
public sealed record ConversationDeleted(Guid ConversationId, Guid By, bool AccountDeleted, DateTimeOffset At);

/// <summary>A moderator read the text of a reported message (on a case a member's report opened). Its own stream per reading.</summary>
public sealed record ReportedMessageRead(Guid CaseId, Guid MessageId, Guid ModeratorId, DateTimeOffset At);

public static class MessagingEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<ConversationStarted>("conversation_started");
        opts.Events.MapEventType<MessageSent>("message_sent");
        opts.Events.MapEventType<MessageRequestAccepted>("message_request_accepted");
        opts.Events.MapEventType<MessageRequestDeclined>("message_request_declined");
        opts.Events.MapEventType<ConversationRead>("conversation_read");
        opts.Events.MapEventType<ConversationMemberLeft>("conversation_member_left");
        opts.Events.MapEventType<ConversationDeleted>("conversation_deleted");
        opts.Events.MapEventType<ReportedMessageRead>("reported_message_read");
    }
}
