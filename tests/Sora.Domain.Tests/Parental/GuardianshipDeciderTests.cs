using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Parental;
using Xunit;

namespace Sora.Domain.Tests.Parental;

public sealed class GuardianshipDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Teen = Guid.NewGuid();
    private static readonly Guid Mum = Guid.NewGuid();
    private static readonly Guid Dad = Guid.NewGuid();
    private static readonly Guid Aunt = Guid.NewGuid();
    private static readonly FamilyFacts Eligible = new(ParentIsAdult: true, TeenIsTeen: true, Blocked: false);

    private static Guardianship Given(params object[] events) =>
        events.Aggregate(Guardianship.Empty(Teen), (state, e) => e switch
        {
            ParentLinkInvited i => state.Apply(i),
            ParentLinked l => state.Apply(l),
            ParentLinkInviteClosed c => state.Apply(c),
            ParentUnlinked u => state.Apply(u),
            ParentalControlsChanged c => state.Apply(c),
            _ => throw new ArgumentException(e.GetType().Name),
        });

    private static Actor As(Guid id) => new(id, new HashSet<AccountRole> { AccountRole.User });

    private static readonly Guid MumInvite = Guid.NewGuid();
    private static readonly Guid DadInvite = Guid.NewGuid();
    private static Guardianship TwoParents() => Given(
        new ParentLinkInvited(Teen, Mum, MumInvite, Now), new ParentLinked(Teen, Mum, MumInvite, Now),
        new ParentLinkInvited(Teen, Dad, DadInvite, Now), new ParentLinked(Teen, Dad, DadInvite, Now));

    [Fact]
    public void An_adult_invites_a_teen_and_the_teen_confirms()
    {
        var invite = Guid.NewGuid();
        Assert.Equal([new ParentLinkInvited(Teen, Mum, invite, Now)], InviteTeenDecider.Decide(Mum, Teen, invite, Given(), Eligible, 0, Now).Events);
        var invited = Given(new ParentLinkInvited(Teen, Mum, invite, Now));
        Assert.Equal([new ParentLinked(Teen, Mum, invite, Now)], ConfirmParentLinkDecider.Decide(Teen, invite, invited, Eligible, Now).Events);
        Assert.Equal([Mum], invited.Apply(new ParentLinked(Teen, Mum, invite, Now)).Parents);
    }

    [Fact]
    public void Only_an_adult_can_invite_only_a_teen_and_never_across_a_block()
    {
        Assert.Equal(ParentalErrors.NotEligible, InviteTeenDecider.Decide(Mum, Teen, Guid.NewGuid(), Given(), Eligible with { ParentIsAdult = false }, 0, Now).Refusal?.Code);
        Assert.Equal(ParentalErrors.NotEligible, InviteTeenDecider.Decide(Mum, Teen, Guid.NewGuid(), Given(), Eligible with { TeenIsTeen = false }, 0, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, InviteTeenDecider.Decide(Mum, Teen, Guid.NewGuid(), Given(), Eligible with { Blocked = true }, 0, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.CannotTargetSelf, InviteTeenDecider.Decide(Teen, Teen, Guid.NewGuid(), Given(), Eligible, 0, Now).Refusal?.Code);
    }

    [Fact]
    public void A_teen_has_at_most_two_parents_even_with_invites_pending_at_once()
    {
        Assert.Equal(ParentalErrors.TooManyParents, InviteTeenDecider.Decide(Aunt, Teen, Guid.NewGuid(), TwoParents(), Eligible, 0, Now).Refusal?.Code);
        // Three invites pending, two confirmed: the third confirm is refused although its invite was valid when sent.
        var aunts = Guid.NewGuid();
        var pending = Given(new ParentLinkInvited(Teen, Mum, MumInvite, Now), new ParentLinkInvited(Teen, Dad, DadInvite, Now),
            new ParentLinkInvited(Teen, Aunt, aunts, Now), new ParentLinked(Teen, Mum, MumInvite, Now), new ParentLinked(Teen, Dad, DadInvite, Now));
        Assert.Equal(ParentalErrors.TooManyParents, ConfirmParentLinkDecider.Decide(Teen, aunts, pending, Eligible, Now).Refusal?.Code);
    }

    [Fact]
    public void Invites_are_bounded_per_teen_and_per_parent_and_never_repeated()
    {
        var invited = Given(new ParentLinkInvited(Teen, Mum, MumInvite, Now));
        Assert.Equal(ParentalErrors.AlreadyInvited, InviteTeenDecider.Decide(Mum, Teen, Guid.NewGuid(), invited, Eligible, 0, Now).Refusal?.Code);
        var full = Enumerable.Range(0, Guardianship.MaxPendingInvites)
            .Aggregate(Given(), (s, _) => s.Apply(new ParentLinkInvited(Teen, Guid.NewGuid(), Guid.NewGuid(), Now)));
        Assert.Equal(ParentalErrors.AlreadyInvited, InviteTeenDecider.Decide(Aunt, Teen, Guid.NewGuid(), full, Eligible, 0, Now).Refusal?.Code);
        Assert.Equal(ParentalErrors.TooManyTeens,
            InviteTeenDecider.Decide(Aunt, Teen, Guid.NewGuid(), Given(), Eligible, Guardianship.MaxTeensPerParent, Now).Refusal?.Code);
    }

    [Fact]
    public void The_teen_declines_or_the_parent_withdraws_and_no_one_else_can_close_an_invite()
    {
        var invited = Given(new ParentLinkInvited(Teen, Mum, MumInvite, Now));
        Assert.Equal([new ParentLinkInviteClosed(Teen, Mum, MumInvite, Teen, Now)], CloseParentInviteDecider.Decide(Teen, MumInvite, invited, Now).Events);
        Assert.Equal([new ParentLinkInviteClosed(Teen, Mum, MumInvite, Mum, Now)], CloseParentInviteDecider.Decide(Mum, null, invited, Now).Events);
        Assert.Equal(ErrorCodes.NotFound, CloseParentInviteDecider.Decide(Dad, null, invited, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, ConfirmParentLinkDecider.Decide(Teen, Guid.NewGuid(), invited, Eligible, Now).Refusal?.Code);
    }

    [Fact]
    public void Either_side_unlinks_and_the_last_parent_leaving_clears_the_controls()
    {
        var controlled = TwoParents().Apply(new ParentalControlsChanged(Teen, Mum, ["dailyItemCap"], new ParentalControls(DailyItemCap: 20), Now));
        Assert.Equal([new ParentUnlinked(Teen, Mum, Teen, Now)], UnlinkFamilyDecider.Decide(Teen, Mum, controlled, Now).Events);
        Assert.Equal([new ParentUnlinked(Teen, Dad, Dad, Now)], UnlinkFamilyDecider.Decide(Dad, Dad, controlled, Now).Events);
        // A parent cannot unlink the other parent, and a stranger is not linked at all.
        Assert.Equal(ErrorCodes.NotFound, UnlinkFamilyDecider.Decide(Mum, Dad, controlled, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, UnlinkFamilyDecider.Decide(Aunt, Aunt, controlled, Now).Refusal?.Code);

        var one = controlled.Apply(new ParentUnlinked(Teen, Mum, Teen, Now));
        Assert.Equal(20, one.Controls.DailyItemCap);
        Assert.Equal(ParentalControls.None, one.Apply(new ParentUnlinked(Teen, Dad, Dad, Now)).Controls);
    }

    [Fact]
    public void Only_a_linked_parent_sets_controls_and_only_what_changed_is_recorded()
    {
        var state = TwoParents();
        var set = new SetParentalControls(As(Mum), Teen, DailyItemCap: new(30), PersonalizationOff: true,
            QuietHours: new(new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), "Europe/Paris")));
        var changed = Assert.IsType<ParentalControlsChanged>(Assert.Single(SetParentalControlsDecider.Decide(set, state, Eligible, Now).Events));
        Assert.Equal(["dailyItemCap", "personalizationOff", "quietHours"], changed.Fields);
        Assert.Equal(30, changed.Controls.DailyItemCap);

        // The same again is no change; clearing one names only it.
        var after = state.Apply(changed);
        Assert.Empty(SetParentalControlsDecider.Decide(set, after, Eligible, Now).Events);
        var cleared = Assert.IsType<ParentalControlsChanged>(Assert.Single(SetParentalControlsDecider.Decide(
            new SetParentalControls(As(Dad), Teen, DailyItemCap: new(null)), after, Eligible, Now).Events));
        Assert.Equal(["dailyItemCap"], cleared.Fields);
        Assert.Equal(((int?)null, true), (cleared.Controls.DailyItemCap, cleared.Controls.PersonalizationOff));

        Assert.Equal(ErrorCodes.Forbidden, SetParentalControlsDecider.Decide(set with { By = As(Teen) }, state, Eligible, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, SetParentalControlsDecider.Decide(set with { By = As(Aunt) }, state, Eligible, Now).Refusal?.Code);
        Assert.Equal(ParentalErrors.NotEligible, SetParentalControlsDecider.Decide(set, state, Eligible with { TeenIsTeen = false }, Now).Refusal?.Code);
    }

    [Theory]
    [InlineData(0, null, null, null, "dailyItemCap")]
    [InlineData(null, 1441, null, null, "dailyMinuteCap")]
    [InlineData(null, null, 101, null, "sessionPageLimit")]
    [InlineData(null, null, null, "Mars/Olympus", "quietHours")]
    public void Out_of_range_controls_are_refused_with_the_field(int? items, int? minutes, int? pages, string? zone, string field)
    {
        var command = new SetParentalControls(As(Mum), Teen,
            items is null ? null : new(items), minutes is null ? null : new(minutes), null, pages is null ? null : new(pages),
            zone is null ? null : new(new QuietHours(new TimeOnly(21, 0), new TimeOnly(6, 0), zone)));
        var refusal = SetParentalControlsDecider.Decide(command, TwoParents(), Eligible, Now).Refusal;
        Assert.Equal((ErrorCodes.BadUserInput, field), (refusal?.Code, refusal?.Field));
    }

    [Fact]
    public void Quiet_hours_span_midnight_in_the_teens_zone()
    {
        var night = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), "Europe/Paris");
        // 12:00 UTC is 13:00 in Paris in December; 22:30 UTC is 23:30 there.
        Assert.False(night.Covers(Now));
        var late = new DateTimeOffset(2026, 12, 2, 22, 30, 0, TimeSpan.Zero);
        Assert.True(night.Covers(late));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero), night.EndsAfter(late).ToUniversalTime());
        var afternoon = new QuietHours(new TimeOnly(12, 30), new TimeOnly(14, 0), "Europe/Paris");
        Assert.True(afternoon.Covers(Now));
        Assert.False(afternoon.Covers(Now.AddHours(1)));
    }
}
