using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Messaging;

/// <summary>A member leaves a group. The last member out deletes it (and its key with it).</summary>
public sealed record LeaveConversation(Actor By, Guid ConversationId);

/// <summary>Pure: members only (NOT_FOUND); groups only (NOT_A_GROUP: a one-to-one conversation is deleted instead).</summary>
public static class LeaveConversationDecider
{
    public static Decision<object> Decide(Guid by, Conversation? conversation, DateTimeOffset now, bool accountDeleted = false)
    {
        if (conversation is null || !conversation.IsMember(by)) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such conversation.", "conversationId");
        if (!conversation.IsGroup)
            return Decision<object>.Refuse(MessagingErrors.NotAGroup, "Only a group can be left; delete a one-to-one conversation instead.", "conversationId");
        var left = new ConversationMemberLeft(conversation.Id, by, accountDeleted, now);
        return conversation.Members.Length == 1
            ? Decision<object>.Accept(left, new ConversationDeleted(conversation.Id, by, accountDeleted, now))
            : Decision<object>.Accept(left);
    }
}

public static class LeaveConversationHandler
{
    public static Task<CommandResult> Handle(LeaveConversation command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct) =>
        ConversationCommands.DecideAsync(session, command.ConversationId, c => LeaveConversationDecider.Decide(command.By.AccountId, c, clock.GetUtcNow()), ct,
            c =>
            {
                if (c.Members.Length == 1) vault.Shred(session, c.Id);
            });
}
