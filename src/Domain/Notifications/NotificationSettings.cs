using Sora.Domain.Common;

namespace Sora.Domain.Notifications;

/// <summary>
/// An account's notification controls (inline snapshot, one stream per account, <see cref="StreamFor"/>): the kinds it
/// switched off, the accounts it muted, and how far it has read. The inbox projection reads it for every recipient of
/// a transaction in one batch, so a kind switched off or a muted account is neither stored nor pushed.
/// </summary>
public sealed class NotificationSettings
{
    /// <summary>Mutes per account: bounds the document every notification to it loads.</summary>
    public const int MaxMutes = 1000;

    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public NotificationKind[] Disabled { get; set; } = [];
    public Guid[] Muted { get; set; } = [];
    /// <summary>Every item up to this sequence is read (the latest "and older" mark).</summary>
    public long ReadThrough { get; set; }

    public static Guid StreamFor(Guid account) => DeterministicGuid.From("notification-settings", account);

    /// <summary>Whether a notification of this kind, caused by this actor, reaches the account.</summary>
    public bool Allows(NotificationKind kind, Guid actor) => !Disabled.Contains(kind) && (actor == AccountId || !Muted.Contains(actor));

    public bool Mutes(Guid account) => Muted.Contains(account);

    public void Apply(NotificationPreferencesSet e)
    {
        AccountId = e.AccountId;
        var disabled = Disabled.ToHashSet();
        foreach (var p in e.Preferences)
            if (p.Enabled) disabled.Remove(p.Kind);
            else disabled.Add(p.Kind);
        Disabled = disabled.Order().ToArray();
    }

    public void Apply(AccountMuted e) => (AccountId, Muted) = (e.AccountId, Muted.Contains(e.MutedId) ? Muted : [.. Muted, e.MutedId]);
    public void Apply(AccountUnmuted e) => (AccountId, Muted) = (e.AccountId, Muted.Where(m => m != e.MutedId).ToArray());
    public void Apply(NotificationsRead e) => (AccountId, ReadThrough) = (e.AccountId, e.AndOlder ? Math.Max(ReadThrough, e.Sequence) : ReadThrough);
}
