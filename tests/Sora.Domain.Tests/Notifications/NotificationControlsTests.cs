using Sora.Domain.Common;
using Sora.Domain.Notifications;
using Xunit;

namespace Sora.Domain.Tests.Notifications;

/// <summary>Preferences, mutes and read marks: given the settings, when the command, then the events or the refusal.</summary>
public sealed class NotificationControlsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Me = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    private static NotificationSettings Settings(params object[] events)
    {
        var s = new NotificationSettings { Id = NotificationSettings.StreamFor(Me), AccountId = Me };
        foreach (var e in events)
            switch (e)
            {
                case NotificationPreferencesSet p: s.Apply(p); break;
                case AccountMuted m: s.Apply(m); break;
                case AccountUnmuted u: s.Apply(u); break;
                case NotificationsRead r: s.Apply(r); break;
            }
        return s;
    }

    [Fact]
    public void Switching_a_kind_off_records_only_what_changes_and_the_settings_drop_it()
    {
        var off = new NotificationPreference(NotificationKind.VideoLiked, false);
        var set = Assert.IsType<NotificationPreferencesSet>(Assert.Single(NotificationPreferencesDecider.Decide(Me, [off], null, Now).Events));
        var settings = Settings(set);
        Assert.False(settings.Allows(NotificationKind.VideoLiked, Other));
        Assert.True(settings.Allows(NotificationKind.NewFollower, Other));
        Assert.Empty(NotificationPreferencesDecider.Decide(Me, [off, new(NotificationKind.NewFollower, true)], settings, Now).Events);
        Assert.True(Settings(set, new NotificationPreferencesSet(Me, [off with { Enabled = true }], Now)).Allows(NotificationKind.VideoLiked, Other));
    }

    [Theory]
    [InlineData(NotificationKind.GenerationUpdated, "kind")]
    [InlineData(NotificationKind.ModerationQueueUpdated, "kind")]
    public void A_live_only_kind_cannot_be_switched_off(NotificationKind kind, string field)
    {
        var refusal = NotificationPreferencesDecider.Decide(Me, [new(kind, false)], null, Now).Refusal;
        Assert.Equal((ErrorCodes.BadUserInput, field), (refusal?.Code, refusal?.Field));
    }

    [Fact]
    public void No_preferences_or_a_kind_twice_is_bad_input()
    {
        Assert.Equal(ErrorCodes.BadUserInput, NotificationPreferencesDecider.Decide(Me, [], null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, NotificationPreferencesDecider.Decide(Me,
            [new(NotificationKind.VideoLiked, false), new(NotificationKind.VideoLiked, true)], null, Now).Refusal?.Code);
    }

    [Fact]
    public void Muting_refuses_yourself_a_missing_account_and_a_blocker_alike_and_repeats_are_free()
    {
        Assert.Equal(ErrorCodes.CannotTargetSelf, MuteDecider.Decide(Me, Me, true, false, null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, MuteDecider.Decide(Me, Other, false, false, null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, MuteDecider.Decide(Me, Other, true, true, null, Now).Refusal?.Code);
        var muted = Assert.IsType<AccountMuted>(Assert.Single(MuteDecider.Decide(Me, Other, true, false, null, Now).Events));
        var settings = Settings(muted);
        Assert.False(settings.Allows(NotificationKind.NewFollower, Other));
        Assert.Empty(MuteDecider.Decide(Me, Other, true, false, settings, Now).Events);
        Assert.True(Settings(muted, new AccountUnmuted(Me, Other, Now)).Allows(NotificationKind.NewFollower, Other));
    }

    [Fact]
    public void Mutes_are_bounded()
    {
        var full = new NotificationSettings { AccountId = Me, Muted = Enumerable.Range(0, NotificationSettings.MaxMutes).Select(_ => Guid.NewGuid()).ToArray() };
        Assert.Equal(NotificationErrors.MuteLimitReached, MuteDecider.Decide(Me, Other, true, false, full, Now).Refusal?.Code);
    }

    [Fact]
    public void Marking_someone_elses_item_read_is_not_found_and_marking_twice_records_once()
    {
        var item = new InboxItem { Id = Guid.NewGuid(), RecipientId = Other, Seq = 40 };
        Assert.Equal(ErrorCodes.NotFound, MarkReadDecider.Decide(Me, new(null!, item.Id, false), item, null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, MarkReadDecider.Decide(Me, new(null!, item.Id, false), null, null, Now).Refusal?.Code);

        var mine = new InboxItem { Id = Guid.NewGuid(), RecipientId = Me, Seq = 40 };
        var read = Assert.IsType<NotificationsRead>(Assert.Single(MarkReadDecider.Decide(Me, new(null!, mine.Id, true), mine, null, Now).Events));
        Assert.Equal((mine.Id, 40L, true), (read.ItemId, read.Sequence, read.AndOlder));
        mine.Read = true;
        Assert.Empty(MarkReadDecider.Decide(Me, new(null!, mine.Id, false), mine, null, Now).Events);
        Assert.Empty(MarkReadDecider.Decide(Me, new(null!, mine.Id, true), mine, Settings(read), Now).Events);
        // Read on its own, its older ones not yet: "and older" still has work to do.
        Assert.Single(MarkReadDecider.Decide(Me, new(null!, mine.Id, true), mine, null, Now).Events);
    }
}
