using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Messaging;

/// <summary>A member has read the conversation up to (and including) one message: read receipts.</summary>
public sealed record MarkConversationRead(Actor By, Guid ConversationId, Guid MessageId);

/// <summary>
/// Pure: members only (NOT_FOUND); the message must be in the conversation and one the member sees (NOT_FOUND on
/// messageId); a mark never moves back (marking an older message, or the same, is a no-op).
/// </summary>
public static class MarkConversationReadDecider
{
    public static Decision<object> Decide(Guid by, Conversation? conversation, MessageRecord? message, DateTimeOffset now)
    {
        if (conversation is null || !conversation.IsMember(by)) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such conversation.", "conversationId");
        if (message is null || message.ConversationId != conversation.Id || !message.DeliveredTo(by))
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such message in this conversation.", "messageId");
        if (conversation.MarkOf(by) is { } mark && mark.Seq >= message.Seq) return Decision<object>.Accept();
        return Decision<object>.Accept(new ConversationRead(conversation.Id, by, message.Id, message.Seq, now));
    }
}

public static class MarkConversationReadHandler
{
    public static async Task<CommandResult> Handle(MarkConversationRead command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var message = await session.LoadAsync<MessageRecord>(command.MessageId, ct);
        return await ConversationCommands.DecideAsync(session, command.ConversationId,
            c => MarkConversationReadDecider.Decide(command.By.AccountId, c, message, clock.GetUtcNow()), ct);
    }
}
