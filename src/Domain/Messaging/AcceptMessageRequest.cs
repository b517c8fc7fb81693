using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Messaging;

/// <summary>The recipient of a message request accepts it: the conversation moves to their list and both sides can write.</summary>
public sealed record AcceptMessageRequest(Actor By, Guid ConversationId);

/// <summary>Pure: members only (NOT_FOUND otherwise); accepting what is not an open request for you is a no-op (retries are free).</summary>
public static class AcceptMessageRequestDecider
{
    public static Decision<object> Decide(Guid by, Conversation? conversation, DateTimeOffset now)
    {
        if (conversation is null || !conversation.IsMember(by)) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such conversation.", "conversationId");
        return conversation.IsRequestFor(by) || conversation.DeclinedBy == by
            ? Decision<object>.Accept(new MessageRequestAccepted(conversation.Id, by, now))
            : Decision<object>.Accept();
    }
}

public static class AcceptMessageRequestHandler
{
    public static Task<CommandResult> Handle(AcceptMessageRequest command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ConversationCommands.DecideAsync(session, command.ConversationId, c => AcceptMessageRequestDecider.Decide(command.By.AccountId, c, clock.GetUtcNow()), ct);
}

/// <summary>The shell the simple conversation verbs share: load with optimistic concurrency, decide, append, save.</summary>
internal static class ConversationCommands
{
    public static async Task<CommandResult> DecideAsync(IDocumentSession session, Guid conversationId, Func<Conversation?, Decision<object>> decide,
        CancellationToken ct, Action<Conversation>? alsoInTransaction = null)
    {
        var stream = await session.Events.FetchForWriting<Conversation>(conversationId, ct);
        var decision = decide(stream.Aggregate);
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count == 0) return CommandResult.Ok(conversationId);
        stream.AppendMany(decision.Events);
        alsoInTransaction?.Invoke(stream.Aggregate!);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(conversationId);
    }
}
