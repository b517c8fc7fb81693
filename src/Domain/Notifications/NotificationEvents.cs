using Marten;

namespace Sora.Domain.Notifications;

// One stream per account (NotificationSettings.StreamFor): its preferences, mutes and read marks. Ids and kinds only.

/// <summary>One kind switched on or off.</summary>
public sealed record NotificationPreference(NotificationKind Kind, bool Enabled);

/// <summary>The account switched these kinds on or off: a kind that is off is neither stored in its inbox nor pushed.</summary>
public sealed record NotificationPreferencesSet(Guid AccountId, NotificationPreference[] Preferences, DateTimeOffset At);

/// <summary>The account muted <paramref name="MutedId"/>: that account's actions notify it of nothing from now on.</summary>
public sealed record AccountMuted(Guid AccountId, Guid MutedId, DateTimeOffset At);

public sealed record AccountUnmuted(Guid AccountId, Guid MutedId, DateTimeOffset At);

/// <summary>
/// The account read one inbox item, or (<paramref name="AndOlder"/>) every item up to and including it. The item's
/// sequence travels with it so a replay needs nothing else (the item may have been pruned since).
/// </summary>
public sealed record NotificationsRead(Guid AccountId, Guid ItemId, long Sequence, bool AndOlder, DateTimeOffset At);

public static class NotificationEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<NotificationPreferencesSet>("notification_preferences_set");
        opts.Events.MapEventType<AccountMuted>("account_muted");
        opts.Events.MapEventType<AccountUnmuted>("account_unmuted");
        opts.Events.MapEventType<NotificationsRead>("notifications_read");
    }
}
