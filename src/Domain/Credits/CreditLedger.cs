using Sora.Domain.Common;

namespace Sora.Domain.Credits;

/// <summary>
/// An account's credits, as an inline snapshot. The free quota resets at UTC midnight: <see cref="QuotaUsed"/>
/// counts only for <see cref="QuotaDay"/>. Purchase references are kept so a payment is credited once.
/// </summary>
public sealed record CreditLedger(Guid Id, Guid AccountId)
{
    public int Balance { get; init; }
    public DateOnly QuotaDay { get; init; }
    public int QuotaUsed { get; init; }
    public string[] PurchaseReferences { get; init; } = [];

    public static Guid StreamFor(Guid account) => DeterministicGuid.From("credits", account);

    public static CreditLedger Create(CreditsGranted e) => new CreditLedger(StreamFor(e.AccountId), e.AccountId).Apply(e);
    public static CreditLedger Create(CreditsPurchased e) => new CreditLedger(StreamFor(e.AccountId), e.AccountId).Apply(e);
    public static CreditLedger Create(CreditsSpent e) => new CreditLedger(StreamFor(e.AccountId), e.AccountId).Apply(e);

    public CreditLedger Apply(CreditsGranted e) => this with { Balance = Balance + e.Amount };

    public CreditLedger Apply(CreditsPurchased e) => this with { Balance = Balance + e.Amount, PurchaseReferences = [.. PurchaseReferences, e.Reference] };

    public CreditLedger Apply(CreditsSpent e) => this with
    {
        Balance = Balance - e.FromBalance,
        QuotaDay = e.QuotaDay,
        QuotaUsed = (e.QuotaDay == QuotaDay ? QuotaUsed : 0) + e.FromQuota,
    };

    // Quota spent on an earlier day has expired with that day: only today's is given back.
    public CreditLedger Apply(CreditsRefunded e) => this with
    {
        Balance = Balance + e.ToBalance,
        QuotaUsed = e.QuotaDay == QuotaDay ? Math.Max(0, QuotaUsed - e.ToQuota) : QuotaUsed,
    };

    public int QuotaLeft(DateOnly today, int dailyQuota) => Math.Max(0, dailyQuota - (QuotaDay == today ? QuotaUsed : 0));
}
