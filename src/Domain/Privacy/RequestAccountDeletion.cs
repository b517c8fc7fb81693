using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;

namespace Sora.Domain.Privacy;

/// <summary>The account asks to be deleted after the grace period; asking again keeps the first date.</summary>
public sealed record RequestAccountDeletion(Actor By);

public static class RequestAccountDeletionDecider
{
    public static Decision<object> Decide(Account? account, Guid requestId, TimeSpan grace, DateTimeOffset now)
    {
        if (account is null || account.Deleted) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such account.");
        if (account.Deletion is not null) return Decision<object>.Accept();
        return Decision<object>.Accept(new AccountDeletionRequested(account.Id, requestId, now + grace, now));
    }
}

public static class RequestAccountDeletionHandler
{
    public static async Task<CommandResult> Handle(RequestAccountDeletion command, IDocumentSession session, PrivacyPolicy policy, TimeProvider clock,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Account>(command.By.AccountId, ct);
        var decision = RequestAccountDeletionDecider.Decide(stream.Aggregate, Guid.CreateVersion7(), policy.DeletionGrace, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count > 0)
        {
            stream.AppendMany(decision.Events);
            await session.SaveChangesAsync(ct);
        }
        return CommandResult.Ok(command.By.AccountId);
    }
}
