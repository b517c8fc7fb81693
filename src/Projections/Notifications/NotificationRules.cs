using Sora.Domain.Cameos;
using Sora.Domain.Generations;
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
        GenerationRequested g => [Generation(g.RequesterId, g.GenerationId, GenerationState.Queued, g.At, sequence)],
        RenderStarted r => [Generation(r.RequesterId, r.GenerationId, GenerationState.Rendering, r.At, sequence, percent: 0)],
        GenerationRendered r => [Generation(r.RequesterId, r.GenerationId, GenerationState.Ready, r.At, sequence, percent: 100)],
        GenerationFailed f => [Generation(f.RequesterId, f.GenerationId, GenerationState.Failed, f.At, sequence, reason: f.Reason)],
        GenerationCancelled c => [Generation(c.RequesterId, c.GenerationId, GenerationState.Cancelled, c.At, sequence, reason: "CANCELLED")],
        GenerationBlocked b => [Generation(b.RequesterId, b.GenerationId, GenerationState.Blocked, b.At, sequence, reason: b.Reason)],
        Sora.Domain.Messaging.ConversationStarted c => c.RequestedOf.Select(r =>
            new UserNotification(r, NotificationKind.MessageRequestReceived, c.StartedBy, c.At, sequence, ConversationId: c.ConversationId)),
        _ => [],
    };

    public static UserNotification Generation(Guid recipient, Guid generation, GenerationState state, DateTimeOffset at, long sequence,
        int? percent = null, string? reason = null) =>
        new(recipient, NotificationKind.GenerationUpdated, recipient, at, sequence, GenerationId: generation, State: state, Percent: percent, Reason: reason);
}
