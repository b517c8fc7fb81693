using Marten;

namespace Sora.Domain.Credits;

// One ledger stream per account (CreditLedger.StreamFor). Every movement is an event; the balance is derived.

/// <summary>Credits given by an administrator (promotions, support).</summary>
public sealed record CreditsGranted(Guid AccountId, int Amount, string Reason, Guid By, DateTimeOffset At);

/// <summary>Credits bought; <paramref name="Reference"/> is the payment's id, so a replayed webhook adds nothing.</summary>
public sealed record CreditsPurchased(Guid AccountId, int Amount, string Reference, DateTimeOffset At);

/// <summary>A generation's price: first from today's free quota, the rest from the balance.</summary>
public sealed record CreditsSpent(Guid AccountId, Guid GenerationId, int FromQuota, int FromBalance, DateOnly QuotaDay, DateTimeOffset At);

/// <summary>A failed, cancelled or blocked render gives back what it took, to where it came from.</summary>
public sealed record CreditsRefunded(Guid AccountId, Guid GenerationId, int ToQuota, int ToBalance, DateOnly QuotaDay, DateTimeOffset At);

public static class CreditEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<CreditsGranted>("credits_granted");
        opts.Events.MapEventType<CreditsPurchased>("credits_purchased");
        opts.Events.MapEventType<CreditsSpent>("credits_spent");
        opts.Events.MapEventType<CreditsRefunded>("credits_refunded");
    }
}
