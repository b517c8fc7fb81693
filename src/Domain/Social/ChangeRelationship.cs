using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;

namespace Sora.Domain.Social;

/// <summary>One command for the four social actions: they share loading, checks and persistence.</summary>
public sealed record ChangeRelationship(Actor By, SocialAction Action, Guid TargetId);

public static class ChangeRelationshipHandler
{
    public static async Task<CommandResult> Handle(
        ChangeRelationship command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        // Unknown targets are refused before anything is written. A blocker is indistinguishable from a
        // missing account to the blocked side for reads; for writes the decider answers FORBIDDEN.
        if (await session.LoadAsync<Account>(command.TargetId, ct) is null)
            return new CommandResult(null, new Refusal(ErrorCodes.NotFound, "No such account.", "accountId"));

        var id = Relationship.IdFor(command.By.AccountId, command.TargetId);
        var stream = await session.Events.FetchForWriting<Relationship>(id, ct);
        var decision = SocialDecider.Decide(
            command.Action, command.By.AccountId, command.TargetId, stream.Aggregate ?? Relationship.Empty(id), clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new CommandResult(null, refusal);
        if (decision.Events.Count == 0) return new CommandResult(null, null);

        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return new CommandResult(null, null);
    }
}
