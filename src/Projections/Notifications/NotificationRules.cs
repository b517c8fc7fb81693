using Sora.Domain.Cameos;
using Sora.Domain.Social;

namespace Sora.Projections.Notifications;

/// <summary>Which events notify whom. Pure, so the mapping is tested without a database.</summary>
public static class NotificationRules
{
    public static IEnumerable<UserNotification> For(object data, long sequence) => data switch
    {
        Followed f => [new UserNotification(f.FolloweeId, NotificationKind.NewFollower, f.FollowerId, f.At, sequence)],
        // The owner hears about others' uses; their own need no notification.
        CameoUseAuthorized u when u.RequesterId != u.OwnerId =>
            [new UserNotification(u.OwnerId, u.PendingApproval ? NotificationKind.CameoApprovalRequested : NotificationKind.CameoUsed,
                u.RequesterId, u.At, sequence, u.CameoId, u.UseId)],
        CameoUseRemoved r => [new UserNotification(r.By, NotificationKind.CameoUseRemoved, r.By, r.At, sequence, r.CameoId, r.UseId)],
        _ => [],
    };
}
