using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Credits;

/// <summary>An admin gives credits, with a reason (the decision is <see cref="CreditDecisions.Grant"/>).</summary>
public sealed record GrantCredits(Actor By, Guid AccountId, int Amount, string Reason);

public static class GrantCreditsHandler
{
    public static async Task<CommandResult> Handle(GrantCredits command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = CreditDecisions.Grant(command.By, command.AccountId, command.Amount, command.Reason, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new CommandResult(null, refusal);
        if (await session.LoadAsync<Accounts.Account>(command.AccountId, ct) is null) return new CommandResult(null, new Refusal(ErrorCodes.NotFound, "No such account."));
        session.Events.Append(CreditLedger.StreamFor(command.AccountId), decision.Events.ToArray());
        await session.SaveChangesAsync(ct);
        return new CommandResult(command.AccountId, null);
    }
}
