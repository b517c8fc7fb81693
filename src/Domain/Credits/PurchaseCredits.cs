using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Credits;

/// <summary>From the payment integration (an admin token): <paramref name="Reference"/> is the payment id; the same
/// reference twice credits once (<see cref="CreditDecisions.Purchase"/>).</summary>
public sealed record PurchaseCredits(Actor By, Guid AccountId, int Amount, string Reference);

public static class PurchaseCreditsHandler
{
    public static async Task<CommandResult> Handle(PurchaseCredits command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (!command.By.IsAdmin) return new CommandResult(null, new Refusal(ErrorCodes.Forbidden, "Only the payment integration records purchases."));
        if (await session.LoadAsync<Accounts.Account>(command.AccountId, ct) is null) return new CommandResult(null, new Refusal(ErrorCodes.NotFound, "No such account."));
        var stream = await session.Events.FetchForWriting<CreditLedger>(CreditLedger.StreamFor(command.AccountId), ct);
        var decision = CreditDecisions.Purchase(stream.Aggregate, command.AccountId, command.Amount, command.Reference, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new CommandResult(null, refusal);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return new CommandResult(command.AccountId, null);
    }
}
