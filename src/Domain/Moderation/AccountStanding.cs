using Marten.Events.Projections;

namespace Sora.Domain.Moderation;

/// <summary>
/// The published strike rule (docs/moderation.md): a strike counts for 90 days. The third strike within 90 days
/// suspends the account for 7 days, and every further strike while three or more count suspends it for 30 days. Bans
/// are a moderator's decision, never the rule's.
/// </summary>
public static class StrikePolicy
{
    public static readonly TimeSpan StrikeLifetime = TimeSpan.FromDays(90);
    public const int SuspendAt = 3;
    public static readonly TimeSpan FirstSuspension = TimeSpan.FromDays(7);
    public static readonly TimeSpan FurtherSuspension = TimeSpan.FromDays(30);
    public const int MaxSuspensionDays = 365;

    /// <summary>How long the rule suspends an account that now has <paramref name="activeStrikes"/>, or nothing.</summary>
    public static TimeSpan? SuspensionFor(int activeStrikes) =>
        activeStrikes < SuspendAt ? null : activeStrikes == SuspendAt ? FirstSuspension : FurtherSuspension;
}

public sealed record StrikeEntry(Guid CaseId, ReportReason Reason, DateTimeOffset At);

public sealed record SuspensionEntry(Guid CaseId, DateTimeOffset Until, bool ByRule);

/// <summary>What holds an account back, now: suspended until a time, or banned (no end).</summary>
public sealed record AccountRestriction(bool Banned, DateTimeOffset Until);

/// <summary>
/// One account's standing, folded inline from the moderation events of every case about it: the strikes, the
/// suspensions and the ban, minus what appeals overturned. Authentication reads it on every request, so a suspension
/// holds from the transaction that decides it.
/// </summary>
public sealed class AccountStanding
{
    public Guid Id { get; set; }
    public List<StrikeEntry> Strikes { get; set; } = [];
    public List<SuspensionEntry> Suspensions { get; set; } = [];
    /// <summary>The cases that banned the account (one overturned ban leaves the others).</summary>
    public List<Guid> BannedBy { get; set; } = [];

    public int ActiveStrikes(DateTimeOffset now) => Strikes.Count(s => now - s.At < StrikePolicy.StrikeLifetime);

    public AccountRestriction? RestrictionAt(DateTimeOffset now)
    {
        if (BannedBy.Count > 0) return new AccountRestriction(true, DateTimeOffset.MaxValue);
        var until = Suspensions.Count == 0 ? (DateTimeOffset?)null : Suspensions.Max(s => s.Until);
        return until > now ? new AccountRestriction(false, until.Value) : null;
    }
}

public partial class AccountStandingProjection : MultiStreamProjection<AccountStanding, Guid>
{
    public AccountStandingProjection()
    {
        Identity<AuthorStruck>(e => e.AccountId);
        Identity<AccountSuspended>(e => e.AccountId);
        Identity<AccountBanned>(e => e.AccountId);
        Identity<AccountActionsOverturned>(e => e.AccountId);
    }

    public void Apply(AccountStanding standing, AuthorStruck e) => standing.Strikes.Add(new StrikeEntry(e.CaseId, e.Reason, e.At));

    public void Apply(AccountStanding standing, AccountSuspended e) => standing.Suspensions.Add(new SuspensionEntry(e.CaseId, e.Until, e.ByRule));

    public void Apply(AccountStanding standing, AccountBanned e)
    {
        if (!standing.BannedBy.Contains(e.CaseId)) standing.BannedBy.Add(e.CaseId);
    }

    public void Apply(AccountStanding standing, AccountActionsOverturned e)
    {
        standing.Strikes.RemoveAll(s => s.CaseId == e.CaseId);
        standing.Suspensions.RemoveAll(s => s.CaseId == e.CaseId);
        standing.BannedBy.Remove(e.CaseId);
    }
}
