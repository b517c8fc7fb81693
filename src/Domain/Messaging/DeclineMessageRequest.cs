using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Messaging;

/// <summary>The recipient of a message request declines it: it leaves their lists, and the starter can send nothing more.</summary>
public sealed record DeclineMessageRequest(Actor By, Guid ConversationId);

/// <summary>Pure: members only (NOT_FOUND otherwise); only an open request addressed to you (NO_REQUEST); declining again is a no-op.</summary>
public static class DeclineMessageRequestDecider
{
    public static Decision<object> Decide(Guid by, Conversation? conversation, DateTimeOffset now)
    {
        if (conversation is null || !conversation.IsMember(by)) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such conversation.", "conversationId");
        if (conversation.DeclinedBy == by) return Decision<object>.Accept();
        return conversation.IsRequestFor(by)
            ? Decision<object>.Accept(new MessageRequestDeclined(conversation.Id, by, now))
            : Decision<object>.Refuse(MessagingErrors.NoRequest, "There is no message request to decline here.", "conversationId");
    }
}

public static class DeclineMessageRequestHandler
{
    public static Task<CommandResult> Handle(DeclineMessageRequest command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ConversationCommands.DecideAsync(session, command.ConversationId, c => DeclineMessageRequestDecider.Decide(command.By.AccountId, c, clock.GetUtcNow()), ct);
}
