namespace Sora.Projections.Notifications;

/// <summary>Kinds of notification the userEvents subscription carries.</summary>
public enum NotificationKind
{
    NewFollower,
    /// <summary>Someone used one of your cameos (cameoActivity).</summary>
    CameoUsed,
    /// <summary>A use of one of your cameos waits for your approval (cameoActivity).</summary>
    CameoApprovalRequested,
    /// <summary>A use of one of your cameos was removed (cameoActivity).</summary>
    CameoUseRemoved,
    /// <summary>One of your generations changed state or progressed (generationUpdated).</summary>
    GenerationUpdated,
    /// <summary>A case you reported was acted on (userEvents: reportId and reportOutcome).</summary>
    ReportOutcome,
    /// <summary>A case was opened or changed (moderationQueueUpdated; sent to the moderators' topic, not to an account).</summary>
    ModerationQueueUpdated,
    /// <summary>Someone who does not follow you sent you a message request (conversationId).</summary>
    MessageRequestReceived,
    /// <summary>A message reached a conversation you are in (messageAdded: conversationId and messageId).</summary>
    MessageAdded,
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
/// A notification for one account, as it crosses nodes. Small on purpose: PostgreSQL NOTIFY payloads are
/// capped at 8000 bytes, so it carries ids and the client asks for details.
/// </summary>
public sealed record UserNotification(Guid RecipientId, NotificationKind Kind, Guid ActorId, DateTimeOffset At, long Sequence,
    Guid? CameoId = null, Guid? UseId = null, Guid? GenerationId = null, GenerationState? State = null, int? Percent = null, string? Reason = null,
    Guid? CaseId = null, Guid? ReportId = null, Moderation.ModerationChange? Change = null, Guid? ConversationId = null, Guid? MessageId = null)
{
    public bool IsCameoActivity => Kind is NotificationKind.CameoUsed or NotificationKind.CameoApprovalRequested or NotificationKind.CameoUseRemoved;
}
