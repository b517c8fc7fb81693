using Marten;

namespace Sora.Domain.Parental;

// One stream per teen (Guardianship.StreamFor): invites, links and controls meet on it, so "at most two parents" and
// "a teen cannot change what a parent set" are decided against one version. Ids and settings only: no personal data.

/// <summary>A parent account asked to be linked to a teen account; the teen confirms or declines.</summary>
public sealed record ParentLinkInvited(Guid TeenId, Guid ParentId, Guid InviteId, DateTimeOffset At);

/// <summary>The teen confirmed: the parent is linked and may set controls.</summary>
public sealed record ParentLinked(Guid TeenId, Guid ParentId, Guid InviteId, DateTimeOffset At);

/// <summary>The teen declined, or the parent withdrew the invite (<paramref name="By"/> says who).</summary>
public sealed record ParentLinkInviteClosed(Guid TeenId, Guid ParentId, Guid InviteId, Guid By, DateTimeOffset At);

/// <summary>Either side ended the link (<paramref name="By"/> says who), or the account turned 18 or left.</summary>
public sealed record ParentUnlinked(Guid TeenId, Guid ParentId, Guid By, DateTimeOffset At);

/// <summary>A linked parent changed the teen's controls. <paramref name="Fields"/> names what changed; the whole new
/// set travels so a replay needs no other source.</summary>
public sealed record ParentalControlsChanged(Guid TeenId, Guid ParentId, string[] Fields, ParentalControls Controls, DateTimeOffset At);

public static class ParentalEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<ParentLinkInvited>("parent_link_invited");
        opts.Events.MapEventType<ParentLinked>("parent_linked");
        opts.Events.MapEventType<ParentLinkInviteClosed>("parent_link_invite_closed");
        opts.Events.MapEventType<ParentUnlinked>("parent_unlinked");
        opts.Events.MapEventType<ParentalControlsChanged>("parental_controls_changed");
    }
}
