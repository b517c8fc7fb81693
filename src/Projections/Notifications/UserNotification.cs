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
}

/// <summary>
/// A notification for one account, as it crosses nodes. Small on purpose: PostgreSQL NOTIFY payloads are
/// capped at 8000 bytes, so it carries ids and the client asks for details.
/// </summary>
public sealed record UserNotification(Guid RecipientId, NotificationKind Kind, Guid ActorId, DateTimeOffset At, long Sequence,
    Guid? CameoId = null, Guid? UseId = null)
{
    public bool IsCameoActivity => Kind is NotificationKind.CameoUsed or NotificationKind.CameoApprovalRequested or NotificationKind.CameoUseRemoved;
}
