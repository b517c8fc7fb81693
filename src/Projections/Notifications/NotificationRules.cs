using Sora.Domain.Social;

namespace Sora.Projections.Notifications;

/// <summary>Which events notify whom. Pure, so the mapping is tested without a database.</summary>
public static class NotificationRules
{
    public static IEnumerable<UserNotification> For(object data, long sequence) => data switch
    {
        Followed f => [new UserNotification(f.FolloweeId, NotificationKind.NewFollower, f.FollowerId, f.At, sequence)],
        _ => [],
    };
}
