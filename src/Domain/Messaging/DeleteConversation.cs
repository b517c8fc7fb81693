using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Messaging;

/// <summary>
/// Deletes a conversation for everyone in it and crypto-shreds it: its key and its sealed texts are destroyed in the same
/// transaction, so no word of it can be read again. Either side of a one-to-one may; a group, only its starter (the
/// others leave).
/// </summary>
public sealed record DeleteConversation(Actor By, Guid ConversationId);

public static class DeleteConversationDecider
{
    public static Decision<object> Decide(Guid by, Conversation? conversation, DateTimeOffset now)
    {
        if (conversation is null || !conversation.IsMember(by)) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such conversation.", "conversationId");
        if (conversation.IsGroup && conversation.StartedBy != by)
            return Decision<object>.Refuse(ErrorCodes.Forbidden, "Only the group's starter deletes it; leave it instead.");
        return Decision<object>.Accept(new ConversationDeleted(conversation.Id, by, false, now));
    }
}

public static class DeleteConversationHandler
{
    public static Task<CommandResult> Handle(DeleteConversation command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct) =>
        ConversationCommands.DecideAsync(session, command.ConversationId, c => DeleteConversationDecider.Decide(command.By.AccountId, c, clock.GetUtcNow()), ct,
            c => vault.Shred(session, c.Id));
}
