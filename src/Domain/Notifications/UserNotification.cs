using Sora.Domain.Moderation;

namespace Sora.Domain.Notifications;

/// <summary>
/// Kinds of notification. Stored as numbers (inbox documents, preference events), so new kinds go at the end.
/// <see cref="NotificationKinds.IsStored"/> says which reach the inbox; the others are live-only.
/// </summary>
public enum NotificationKind
{
    NewFollower,
    /// <summary>Someone used one of your cameos (cameoActivity).</summary>
    CameoUsed,
    /// <summary>A use of one of your cameos waits for your approval (cameoActivity).</summary>
    CameoApprovalRequested,
    /// <summary>A use of one of your cameos was removed, by you (cameoActivity; live only: an echo for your other devices).</summary>
    CameoUseRemoved,
    /// <summary>One of your generations changed state or progressed (generationUpdated; live only).</summary>
    GenerationUpdated,
    /// <summary>A case you reported was acted on (userEvents: reportId and reportOutcome).</summary>
    ReportOutcome,
    /// <summary>A case was opened or changed (moderationQueueUpdated; sent to the moderators' topic, not to an account; live only).</summary>
    ModerationQueueUpdated,
    /// <summary>Someone liked one of your videos.</summary>
    VideoLiked,
    /// <summary>Someone commented on one of your videos.</summary>
    VideoCommented,
    /// <summary>Someone published a remix of one of your videos.</summary>
    VideoRemixed,
    /// <summary>A moderator acted on your content or account (caseId and moderationAction; the moderator is never named).</summary>
    ModerationAction,
    /// <summary>Someone who is not yet in a conversation with you asked to message you (messaging).</summary>
    MessageRequestReceived,
    /// <summary>A parent account invited you (a teen) to link.</summary>
    ParentLinkInvited,
    /// <summary>The teen confirmed your invite, or another parent was linked to your teen.</summary>
    ParentLinked,
    /// <summary>The other side declined or withdrew a link invite.</summary>
    ParentLinkInviteClosed,
    /// <summary>The other side ended a parent link.</summary>
    ParentUnlinked,
    /// <summary>A linked parent changed the teen's controls (the teen and the other parent hear of it).</summary>
    ParentalControlsChanged,
    /// <summary>A message reached a conversation you are in (messageAdded: conversationId and messageId; live only: the
    /// conversation list is its own record).</summary>
    MessageAdded,
    /// <summary>Your teen asked to open its cameo up (a grant or a wider audience): approve or decline it (cameoId, teenId).</summary>
    CameoChangeProposed,
}

public static class NotificationKinds
{
    /// <summary>
    /// Inbox-worthy: what another account (or a moderator) did that concerns you. Live-only: your own generations'
    /// progress and states, the echo of your own removals, the moderators' queue topic, and each message (conversations
    /// list their own unread state; a message request is stored).
    /// </summary>
    public static bool IsStored(NotificationKind kind) =>
        kind is not (NotificationKind.GenerationUpdated or NotificationKind.CameoUseRemoved or NotificationKind.ModerationQueueUpdated
            or NotificationKind.MessageAdded);

    /// <summary>The kinds an account can switch off (exactly the stored ones).</summary>
    public static readonly NotificationKind[] Configurable = Enum.GetValues<NotificationKind>().Where(IsStored).ToArray();

    public static bool IsCameoActivity(NotificationKind kind) =>
        kind is NotificationKind.CameoUsed or NotificationKind.CameoApprovalRequested or NotificationKind.CameoUseRemoved;
}

/// <summary>Where a generation stands, as generationUpdated reports it. Encoding and percentages are progress
/// notifications from the worker, not events.</summary>
public enum GenerationState
{
    Queued,
    Rendering,
    Encoding,
    Ready,
    Failed,
    Cancelled,
    Blocked,
}

/// <summary>
/// A notification for one account, as it crosses nodes and as the inbox keeps it. Small on purpose: PostgreSQL NOTIFY
/// payloads are capped at 8000 bytes, so it carries ids and the client asks for details. <see cref="ItemId"/> is the
/// inbox item's id (null for live-only kinds): a client marks it read by that id. <see cref="Read"/> is filled in when the inbox is
/// read (the stored item holds the truth); a push is always unread.
/// </summary>
public sealed record UserNotification(Guid RecipientId, NotificationKind Kind, Guid ActorId, DateTimeOffset At, long Sequence,
    Guid? CameoId = null, Guid? UseId = null, Guid? GenerationId = null, GenerationState? State = null, int? Percent = null, string? Reason = null,
    Guid? CaseId = null, Guid? ReportId = null, ModerationChange? Change = null,
    Guid? VideoId = null, Guid? CommentId = null, Guid? TeenId = null, Guid? ConversationId = null, Guid? ItemId = null, bool Read = false,
    Guid? MessageId = null)
{
    public bool IsCameoActivity => NotificationKinds.IsCameoActivity(Kind);
}
