using Sora.Domain.Common;

namespace Sora.Domain.Parental;

/// <summary>A parent's pending invite to link with the teen.</summary>
public sealed record PendingParentInvite(Guid InviteId, Guid ParentId, DateTimeOffset At);

/// <summary>
/// A teen's parents and the controls they set: one stream per teen, kept as an inline snapshot so the feed, messages,
/// search and cameo decisions read it in their own transaction. Immutable; Create/Apply are public for Marten 9.
/// </summary>
public sealed record Guardianship(Guid Id, Guid TeenId, Guid[] Parents, PendingParentInvite[] Invites, ParentalControls Controls,
    DateTimeOffset UpdatedAt)
{
    /// <summary>An account under 18 has at most two linked parents.</summary>
    public const int MaxParents = 2;
    /// <summary>Pending invites per teen: bounds what strangers can pile onto a teen's list.</summary>
    public const int MaxPendingInvites = 5;
    /// <summary>Teens one parent may be linked to or have invited: bounds the family view and what one account can reach.</summary>
    public const int MaxTeensPerParent = 10;

    public static Guid StreamFor(Guid teen) => DeterministicGuid.From("guardianship", teen);

    public static Guardianship Empty(Guid teen) => new(StreamFor(teen), teen, [], [], ParentalControls.None, DateTimeOffset.MinValue);

    public static Guardianship Create(ParentLinkInvited e) => Empty(e.TeenId).Apply(e);

    public Guardianship Apply(ParentLinkInvited e) =>
        this with { Invites = [.. Invites, new PendingParentInvite(e.InviteId, e.ParentId, e.At)], UpdatedAt = e.At };

    public Guardianship Apply(ParentLinked e) => this with
    {
        Parents = [.. Parents.Where(p => p != e.ParentId), e.ParentId],
        Invites = Invites.Where(i => i.ParentId != e.ParentId).ToArray(),
        UpdatedAt = e.At,
    };

    public Guardianship Apply(ParentLinkInviteClosed e) =>
        this with { Invites = Invites.Where(i => i.InviteId != e.InviteId).ToArray(), UpdatedAt = e.At };

    // The last parent leaving takes the controls with it: controls exist only under a link.
    public Guardianship Apply(ParentUnlinked e)
    {
        var parents = Parents.Where(p => p != e.ParentId).ToArray();
        return this with { Parents = parents, Controls = parents.Length == 0 ? ParentalControls.None : Controls, UpdatedAt = e.At };
    }

    public Guardianship Apply(ParentalControlsChanged e) => this with { Controls = e.Controls, UpdatedAt = e.At };

    public bool IsLinked(Guid parent) => Parents.Contains(parent);
    public bool HasParents => Parents.Length > 0;
}
