using Sora.Domain.Cameos;
using Sora.Domain.Feed;
using Sora.Domain.Generations;
using Sora.Domain.Notifications;
using Sora.Domain.Parental;
using Sora.Domain.Social;
using Sora.Projections.Moderation;

namespace Sora.Projections.Notifications;

/// <summary>
/// Which events notify whom: the one mapping behind both the inbox (stored kinds, <see cref="InboxProjection"/>) and
/// the live push (<see cref="NotifyOnCommit"/>). Pure, so it is tested without a database; what an event does not name
/// comes in <see cref="NotificationFacts"/>. Nobody is told of their own action (the moderation kinds name the recipient
/// as their actor because the moderator is never named).
/// </summary>
public static class NotificationRules
{
    public static IEnumerable<UserNotification> For(object data, long sequence) => For(data, sequence, NotificationFacts.None);

    public static IEnumerable<UserNotification> For(object data, long sequence, NotificationFacts facts) => data switch
    {
        Followed f => [new UserNotification(f.FolloweeId, NotificationKind.NewFollower, f.FollowerId, f.At, sequence)],
        VideoLiked l when facts.Videos.TryGetValue(l.VideoId, out var video) && video.AuthorId != l.ViewerId =>
            [new UserNotification(video.AuthorId, NotificationKind.VideoLiked, l.ViewerId, l.At, sequence, VideoId: l.VideoId)],
        CommentPosted c when c.VideoOwnerId != c.ViewerId =>
            [new UserNotification(c.VideoOwnerId, NotificationKind.VideoCommented, c.ViewerId, c.At, sequence, VideoId: c.VideoId, CommentId: c.CommentId)],
        // Told when the remix goes public, not when it is requested: a draft is its maker's business.
        VideoPublished p when facts.Videos.TryGetValue(p.GenerationId, out var remix) && remix.RemixOf is { } source
                              && facts.Videos.TryGetValue(source, out var original) && original.AuthorId != p.By =>
            [new UserNotification(original.AuthorId, NotificationKind.VideoRemixed, p.By, p.At, sequence, VideoId: p.GenerationId)],
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
        ParentLinkInvited i => [Parental(i.TeenId, NotificationKind.ParentLinkInvited, i.ParentId, i.TeenId, i.At, sequence)],
        // The invited parent hears the teen confirmed; a parent already linked hears who joined them.
        ParentLinked l =>
        [
            Parental(l.ParentId, NotificationKind.ParentLinked, l.TeenId, l.TeenId, l.At, sequence),
            .. facts.ParentsOf(l.TeenId).Where(p => p != l.ParentId)
                .Select(p => Parental(p, NotificationKind.ParentLinked, l.ParentId, l.TeenId, l.At, sequence)),
        ],
        ParentLinkInviteClosed c => OtherSide(NotificationKind.ParentLinkInviteClosed, c.TeenId, c.ParentId, c.By, c.At, sequence),
        ParentUnlinked u => OtherSide(NotificationKind.ParentUnlinked, u.TeenId, u.ParentId, u.By, u.At, sequence),
        ParentalControlsChanged c =>
        [
            Parental(c.TeenId, NotificationKind.ParentalControlsChanged, c.ParentId, c.TeenId, c.At, sequence),
            .. facts.ParentsOf(c.TeenId).Where(p => p != c.ParentId)
                .Select(p => Parental(p, NotificationKind.ParentalControlsChanged, c.ParentId, c.TeenId, c.At, sequence)),
        ],
        // A first message to someone who does not follow the sender is a request they accept or decline.
        Sora.Domain.Messaging.ConversationStarted c => c.RequestedOf.Select(r =>
            new UserNotification(r, NotificationKind.MessageRequestReceived, c.StartedBy, c.At, sequence, ConversationId: c.ConversationId)),
        // A teen's grant or wider audience waits for a linked parent's co-signature: each parent is asked.
        CameoChangeProposed p => facts.ParentsOf(p.By)
            .Select(parent => new UserNotification(parent, NotificationKind.CameoChangeProposed, p.By, p.At, sequence, p.CameoId, TeenId: p.By)),
        _ => ModerationNotifications.For(data, sequence, facts),
    };

    public static UserNotification Generation(Guid recipient, Guid generation, GenerationState state, DateTimeOffset at, long sequence,
        int? percent = null, string? reason = null) =>
        new(recipient, NotificationKind.GenerationUpdated, recipient, at, sequence, GenerationId: generation, State: state, Percent: percent, Reason: reason);

    private static UserNotification Parental(Guid recipient, NotificationKind kind, Guid actor, Guid teen, DateTimeOffset at, long sequence) =>
        new(recipient, kind, actor, at, sequence, TeenId: teen);

    /// <summary>The side that did not act hears of it; an ending by neither (the teen turned 18, an account left) tells both.</summary>
    private static IEnumerable<UserNotification> OtherSide(NotificationKind kind, Guid teen, Guid parent, Guid by, DateTimeOffset at, long sequence) =>
        by == teen ? [Parental(parent, kind, teen, teen, at, sequence)]
        : by == parent ? [Parental(teen, kind, parent, teen, at, sequence)]
        : [Parental(teen, kind, by, teen, at, sequence), Parental(parent, kind, by, teen, at, sequence)];
}
