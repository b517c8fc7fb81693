namespace Sora.Projections.Notifications;

/// <summary>Kinds of notification the userEvents subscription carries.</summary>
public enum NotificationKind
{
    NewFollower,
}

/// <summary>
/// A notification for one account, as it crosses nodes. Small on purpose: PostgreSQL NOTIFY payloads are
/// capped at 8000 bytes, so it carries ids and the client asks for details.
/// </summary>
public sealed record UserNotification(Guid RecipientId, NotificationKind Kind, Guid ActorId, DateTimeOffset At, long Sequence);
