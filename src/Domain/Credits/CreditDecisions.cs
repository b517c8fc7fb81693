using Sora.Domain.Common;

namespace Sora.Domain.Credits;

public sealed record CreditPolicy
{
    /// <summary>Free credits per account per UTC day (Sora:Credits:DailyFreeQuota).</summary>
    public int DailyFreeQuota { get; init; } = 20;
}

/// <summary>Pure credit decisions. The ledger stream is written under optimistic concurrency, so the balance a
/// decision reads is the balance the append commits against: concurrent spends cannot overdraw it.</summary>
public static class CreditDecisions
{
    public const string InsufficientCredits = "INSUFFICIENT_CREDITS";

    public static Decision<object> Spend(CreditLedger? ledger, Guid account, Guid generation, int price, CreditPolicy policy, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var quota = ledger?.QuotaLeft(today, policy.DailyFreeQuota) ?? policy.DailyFreeQuota;
        var balance = ledger?.Balance ?? 0;
        if (price > quota + balance)
            return Decision<object>.Refuse(InsufficientCredits, $"This costs {price} credits; you have {quota + balance} (including today's free quota).");
        var fromQuota = Math.Min(quota, price);
        return Decision<object>.Accept(new CreditsSpent(account, generation, fromQuota, price - fromQuota, today, now));
    }

    public static CreditsRefunded Refund(CreditsSpent spent, DateTimeOffset at) =>
        new(spent.AccountId, spent.GenerationId, spent.FromQuota, spent.FromBalance, spent.QuotaDay, at);

    public static Decision<object> Grant(Actor by, Guid account, int amount, string reason, DateTimeOffset now)
    {
        if (!by.IsAdmin) return Decision<object>.Refuse(ErrorCodes.Forbidden, "Only administrators grant credits.");
        if (amount is < 1 or > 1_000_000) return Decision<object>.Refuse(ErrorCodes.BadUserInput, "Grant between 1 and 1,000,000 credits.", "amount");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 200) return Decision<object>.Refuse(ErrorCodes.BadUserInput, "Give a reason (at most 200 characters).", "reason");
        return Decision<object>.Accept(new CreditsGranted(account, amount, reason.Trim(), by.AccountId, now));
    }

    public static Decision<object> Purchase(CreditLedger? ledger, Guid account, int amount, string reference, DateTimeOffset now)
    {
        if (amount is < 1 or > 1_000_000) return Decision<object>.Refuse(ErrorCodes.BadUserInput, "Purchase between 1 and 1,000,000 credits.", "amount");
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > 200) return Decision<object>.Refuse(ErrorCodes.BadUserInput, "A payment reference is required.", "reference");
        // A replayed payment webhook is answered as done, without crediting twice.
        if (ledger?.PurchaseReferences.Contains(reference) == true) return Decision<object>.Accept();
        return Decision<object>.Accept(new CreditsPurchased(account, amount, reference, now));
    }
}
