using Marten;

namespace Sora.Domain.Social;

// All four live on the one relationship stream of the two accounts involved (see Relationship).

public sealed record Followed(Guid FollowerId, Guid FolloweeId, DateTimeOffset At);

public sealed record Unfollowed(Guid FollowerId, Guid FolloweeId, DateTimeOffset At);

public sealed record Blocked(Guid BlockerId, Guid BlockedId, DateTimeOffset At);

public sealed record Unblocked(Guid BlockerId, Guid BlockedId, DateTimeOffset At);

public static class SocialEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<Followed>("followed");
        opts.Events.MapEventType<Unfollowed>("unfollowed");
        opts.Events.MapEventType<Blocked>("blocked");
        opts.Events.MapEventType<Unblocked>("unblocked");
    }
}
