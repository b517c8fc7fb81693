using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;

namespace Sora.Domain.Privacy;

/// <summary>The account changes its mind during the grace period; with nothing pending it is a no-op.</summary>
public sealed record CancelAccountDeletion(Actor By);

public static class CancelAccountDeletionDecider
{
    public static Decision<object> Decide(Account? account, DateTimeOffset now) =>
        account is null || account.Deleted ? Decision<object>.Refuse(ErrorCodes.NotFound, "No such account.")
        : account.Deletion is { } pending ? Decision<object>.Accept(new AccountDeletionCancelled(account.Id, pending.RequestId, now))
        : Decision<object>.Accept();
}

public static class CancelAccountDeletionHandler
{
    public static async Task<CommandResult> Handle(CancelAccountDeletion command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Account>(command.By.AccountId, ct);
        var decision = CancelAccountDeletionDecider.Decide(stream.Aggregate, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count > 0)
        {
            stream.AppendMany(decision.Events);
            await session.SaveChangesAsync(ct);
        }
        return CommandResult.Ok(command.By.AccountId);
    }
}
