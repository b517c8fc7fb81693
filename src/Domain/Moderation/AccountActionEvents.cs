using Marten;

namespace Sora.Domain.Moderation;

/// <summary>
/// A moderator struck the author of the case's item. It is an event on the case (the decision and its actor, for the
/// log and the appeal); the author's standing (<see cref="AccountStanding"/>) is folded from these across cases.
/// </summary>
public sealed record AuthorStruck(Guid CaseId, Guid AccountId, Guid ModeratorId, ReportReason Reason, DateTimeOffset At);

/// <summary>
/// The account may not create or interact until <paramref name="Until"/>. <paramref name="ByRule"/>: the escalation rule
/// suspended it (<see cref="StrikePolicy"/>), as a consequence of the strike by <paramref name="ModeratorId"/>.
/// </summary>
public sealed record AccountSuspended(Guid CaseId, Guid AccountId, Guid ModeratorId, DateTimeOffset Until, bool ByRule, DateTimeOffset At);

/// <summary>The account is suspended without end, and its published videos are taken down on this case.</summary>
public sealed record AccountBanned(Guid CaseId, Guid AccountId, Guid ModeratorId, DateTimeOffset At);

/// <summary>An appeal overturned what this case did to the account: its strike, suspensions and ban no longer count.</summary>
public sealed record AccountActionsOverturned(Guid CaseId, Guid AccountId, Guid ModeratorId, DateTimeOffset At);

public static class AccountActionEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<AuthorStruck>("author_struck");
        opts.Events.MapEventType<AccountSuspended>("account_suspended");
        opts.Events.MapEventType<AccountBanned>("account_banned");
        opts.Events.MapEventType<AccountActionsOverturned>("account_actions_overturned");
        opts.Events.MapEventType<ContentLabelled>("content_labelled");
        opts.Events.MapEventType<ContentAgeRestricted>("content_age_restricted");
    }
}
