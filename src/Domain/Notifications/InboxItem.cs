using Sora.Domain.Common;

namespace Sora.Domain.Notifications;

/// <summary>
/// One notification in an account's inbox. Written inline by the read side's inbox projection (src/Projections/
/// Notifications), in the transaction of the event that caused it; it lives here because decisions read it (marking
/// read checks the item is the caller's) and an account's deletion removes it. At most <see cref="MaxPerAccount"/> per
/// account: older ones are pruned as new ones arrive.
/// </summary>
public sealed class InboxItem
{
    public const int MaxPerAccount = 500;

    public Guid Id { get; set; }
    public Guid RecipientId { get; set; }
    public Guid ActorId { get; set; }
    public NotificationKind Kind { get; set; }
    /// <summary>The causing event's global sequence: the inbox's order and its keyset cursor.</summary>
    public long Seq { get; set; }
    public bool Read { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>What the push carried (with <see cref="UserNotification.ItemId"/> set to <see cref="Id"/>).</summary>
    public UserNotification Notification { get; set; } = null!;

    /// <summary>From the recipient and the causing event: a replay (projection rebuild) yields the same ids.</summary>
    public static Guid IdFor(Guid recipient, Guid eventId) => DeterministicGuid.From("inbox-item", recipient, eventId);

    public static InboxItem For(UserNotification notification, Guid eventId, bool read)
    {
        var id = IdFor(notification.RecipientId, eventId);
        return new InboxItem
        {
            Id = id,
            RecipientId = notification.RecipientId,
            ActorId = notification.ActorId,
            Kind = notification.Kind,
            Seq = notification.Sequence,
            Read = read,
            At = notification.At,
            Notification = notification with { ItemId = id },
        };
    }
}
