using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Generations;
using Sora.Domain.Moderation;
using Xunit;

namespace Sora.Domain.Tests.Moderation;

/// <summary>Strikes and the escalation rule, suspensions, bans, the standing they fold into, and an appeal that undoes them.</summary>
public sealed class AccountActionDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid AuthorId = Guid.NewGuid();
    private static readonly Guid Reporter = Guid.NewGuid();
    private static readonly Guid Moderator = Guid.NewGuid();
    private static readonly Account Author = new(AuthorId, "author", [AccountRole.User], Now, Now);

    private static Actor As(Guid who, params AccountRole[] roles) => new(who, new HashSet<AccountRole>([AccountRole.User, .. roles]));
    private static readonly Actor Mod = As(Moderator, AccountRole.Moderator);

    private static ModerationCase Case(Guid? video = null, ReportReason reason = ReportReason.Harassment)
    {
        var target = video ?? Guid.NewGuid();
        return ModerationCase.Create(new ReportFiled(Guid.NewGuid(), ModerationCase.IdFor(ReportTarget.Video, target), Reporter, ReportTarget.Video, target,
            AuthorId, reason, false, Now));
    }

    private static AccountStanding Standing(params DateTimeOffset[] strikes)
    {
        var standing = new AccountStanding { Id = AuthorId };
        var projection = new AccountStandingProjection();
        foreach (var at in strikes) projection.Apply(standing, new AuthorStruck(Guid.NewGuid(), AuthorId, Moderator, ReportReason.Spam, at));
        return standing;
    }

    [Fact]
    public void The_third_strike_within_90_days_suspends_for_7_days_and_later_ones_for_30()
    {
        var @case = Case();
        var first = StrikeAuthorDecider.Decide(new StrikeAuthor(Mod, @case.Id, null), @case, Author, null, Now);
        Assert.Equal([new AuthorStruck(@case.Id, AuthorId, Moderator, ReportReason.Harassment, Now)], first.Events);

        // Two strikes inside 90 days: this one is the third.
        var third = StrikeAuthorDecider.Decide(new StrikeAuthor(Mod, @case.Id, ReportReason.Spam), @case, Author, Standing(Now.AddDays(-89), Now.AddDays(-1)), Now);
        Assert.Equal([new AuthorStruck(@case.Id, AuthorId, Moderator, ReportReason.Spam, Now),
            new AccountSuspended(@case.Id, AuthorId, Moderator, Now.AddDays(7), ByRule: true, Now)], third.Events);

        // One of the two is older than 90 days: it no longer counts.
        Assert.Single(StrikeAuthorDecider.Decide(new StrikeAuthor(Mod, @case.Id, null), @case, Author, Standing(Now.AddDays(-91), Now.AddDays(-1)), Now).Events);

        var fourth = StrikeAuthorDecider.Decide(new StrikeAuthor(Mod, @case.Id, null), @case, Author, Standing(Now.AddDays(-3), Now.AddDays(-2), Now.AddDays(-1)), Now);
        Assert.Equal(Now.AddDays(30), Assert.IsType<AccountSuspended>(fourth.Events[1]).Until);

        // One strike per case.
        Assert.Empty(StrikeAuthorDecider.Decide(new StrikeAuthor(Mod, @case.Id, null), @case.Apply((AuthorStruck)first.Events[0]), Author, null, Now).Events);
    }

    [Fact]
    public void Only_a_moderator_acts_and_never_on_their_own_content_a_case_they_reported_or_a_peer()
    {
        var @case = Case();
        Assert.Equal(ErrorCodes.Forbidden, StrikeAuthorDecider.Decide(new StrikeAuthor(As(Guid.NewGuid()), @case.Id, null), @case, Author, null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, StrikeAuthorDecider.Decide(new StrikeAuthor(As(Guid.NewGuid(), AccountRole.Auditor), @case.Id, null), @case, Author, null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, SuspendAccountDecider.Decide(new SuspendAccount(As(AuthorId, AccountRole.Moderator), @case.Id, 3), @case, Author, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, BanAccountDecider.Decide(new BanAccount(As(Reporter, AccountRole.Moderator), @case.Id), @case, Author, [], Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, BanAccountDecider.Decide(new BanAccount(Mod, @case.Id), null, Author, [], Now).Refusal?.Code);
        var peer = Author with { Roles = [AccountRole.User, AccountRole.Moderator] };
        Assert.Equal(ErrorCodes.Forbidden, SuspendAccountDecider.Decide(new SuspendAccount(Mod, @case.Id, 3), @case, peer, Now).Refusal?.Code);
        Assert.Equal(CaseActions.NotActionable, SuspendAccountDecider.Decide(new SuspendAccount(Mod, @case.Id, 3), @case, null, Now).Refusal?.Code);
        Assert.Null(SuspendAccountDecider.Decide(new SuspendAccount(As(Guid.NewGuid(), AccountRole.Admin), @case.Id, 3), @case, Author, Now).Refusal);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(365, true)]
    [InlineData(366, false)]
    public void A_suspension_lasts_1_to_365_days(int days, bool accepted)
    {
        var @case = Case();
        var decision = SuspendAccountDecider.Decide(new SuspendAccount(Mod, @case.Id, days), @case, Author, Now);
        Assert.Equal(accepted ? null : ErrorCodes.BadUserInput, decision.Refusal?.Code);
        if (accepted) Assert.Equal(new AccountSuspended(@case.Id, AuthorId, Moderator, Now.AddDays(days), ByRule: false, Now), Assert.Single(decision.Events));
    }

    [Fact]
    public void A_ban_takes_every_live_video_down_on_its_case_once()
    {
        var @case = Case();
        var videos = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var ban = BanAccountDecider.Decide(new BanAccount(Mod, @case.Id), @case, Author, videos, Now);
        var hold = BanAccountDecider.HoldFor(@case.Id);
        Assert.NotEqual(@case.Id, hold); // a removal on the same case is a hold of its own
        Assert.Equal([new AccountBanned(@case.Id, AuthorId, Moderator, Now), new VideoTakenDown(videos[0], hold, Moderator, Now),
            new VideoTakenDown(videos[1], hold, Moderator, Now)], ban.Events);
        Assert.Empty(BanAccountDecider.Decide(new BanAccount(Mod, @case.Id), @case.Apply((AccountBanned)ban.Events[0]), Author, videos, Now).Events);
        Assert.Equal(CaseActions.NotActionable, BanAccountDecider.Decide(new BanAccount(Mod, @case.Id), @case, Author,
            Enumerable.Range(0, BanAccountDecider.MaxVideos + 1).Select(_ => Guid.NewGuid()).ToList(), Now).Refusal?.Code);
    }

    [Fact]
    public void The_standing_counts_what_holds_now_and_an_overturn_removes_only_its_own_case()
    {
        var projection = new AccountStandingProjection();
        var standing = new AccountStanding { Id = AuthorId };
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        projection.Apply(standing, new AccountSuspended(a, AuthorId, Moderator, Now.AddDays(7), false, Now));
        projection.Apply(standing, new AccountSuspended(b, AuthorId, Moderator, Now.AddDays(3), false, Now));
        Assert.Equal(new AccountRestriction(false, Now.AddDays(7)), standing.RestrictionAt(Now));
        Assert.Null(standing.RestrictionAt(Now.AddDays(8)));
        projection.Apply(standing, new AccountActionsOverturned(a, AuthorId, Moderator, Now));
        Assert.Equal(new AccountRestriction(false, Now.AddDays(3)), standing.RestrictionAt(Now));

        projection.Apply(standing, new AccountBanned(a, AuthorId, Moderator, Now));
        projection.Apply(standing, new AccountBanned(b, AuthorId, Moderator, Now));
        projection.Apply(standing, new AccountActionsOverturned(a, AuthorId, Moderator, Now));
        Assert.True(standing.RestrictionAt(Now.AddYears(5))!.Banned); // the other case's ban stands
        projection.Apply(standing, new AccountActionsOverturned(b, AuthorId, Moderator, Now));
        Assert.Null(standing.RestrictionAt(Now.AddYears(5)));
    }

    [Fact]
    public void An_overturned_appeal_undoes_the_cases_account_actions_and_brings_back_what_its_ban_took_down()
    {
        var video = Guid.NewGuid();
        var other = Guid.NewGuid();
        var banned = Case(video).Apply(new AccountBanned(Guid.Empty, AuthorId, Moderator, Now));
        Assert.Equal(CaseStatus.Actioned, banned.Status);
        Assert.True(banned.MayAppeal);
        var appealed = banned.Apply(new AppealFiled(banned.Id, Guid.NewGuid(), AuthorId, Now));
        Assert.False(appealed.MayAppeal);
        var second = Guid.NewGuid();
        var later = Now.AddHours(5);
        var overturned = DecideAppealDecider.Decide(new DecideAppeal(As(second, AccountRole.Moderator), banned.Id, false), appealed, [video, other], later);
        Assert.Equal([new AppealDecided(banned.Id, second, false, Now, later), new AccountActionsOverturned(banned.Id, AuthorId, second, later),
            new VideoReinstated(video, BanAccountDecider.HoldFor(banned.Id), second, later), new VideoReinstated(other, BanAccountDecider.HoldFor(banned.Id), second, later)],
            overturned.Events);
        Assert.Single(DecideAppealDecider.Decide(new DecideAppeal(As(second, AccountRole.Moderator), banned.Id, true), appealed, [video, other], later).Events);
        // The moderator who banned does not decide the appeal.
        Assert.Equal(ErrorCodes.Forbidden, DecideAppealDecider.Decide(new DecideAppeal(Mod, banned.Id, false), appealed, [], later).Refusal?.Code);
    }

    [Fact]
    public void A_video_held_down_by_two_cases_stays_down_until_both_let_go()
    {
        var id = Guid.NewGuid();
        var (removal, ban) = (Guid.NewGuid(), Guid.NewGuid());
        var generation = new Generation(id, AuthorId, "author", "a prompt", 5, VideoAspect.Square1x1, VideoResolution.Sd480, 7, null, null, [], 1, 1, 0, DateOnly.FromDateTime(Now.UtcDateTime), "req-1", Now)
            .Apply(new VideoTakenDown(id, removal, Moderator, Now)).Apply(new VideoTakenDown(id, ban, Moderator, Now));
        Assert.True(generation.Apply(new VideoReinstated(id, ban, Moderator, Now)).TakenDown);
        Assert.False(generation.Apply(new VideoReinstated(id, ban, Moderator, Now)).Apply(new VideoReinstated(id, removal, Moderator, Now)).TakenDown);
    }

    [Fact]
    public void A_counter_notice_answers_a_removed_takedown_once_from_its_author_in_good_faith()
    {
        var video = Guid.NewGuid();
        var caseId = ModerationCase.IdFor(ReportTarget.Video, video);
        var requested = ModerationCase.Create(new TakedownFiled(Guid.NewGuid(), caseId, video, AuthorId, ReportReason.LikenessWithoutConsent, Now));
        var removed = requested.Apply(new ContentRemoved(caseId, ReportTarget.Video, video, Moderator, ReportReason.LikenessWithoutConsent, Now));
        var notice = Guid.NewGuid();
        FileCounterNotice By(Guid who, bool goodFaith = true, string statement = "She agreed.") => new(As(who), caseId, statement, goodFaith);

        Assert.Equal([new CounterNoticeFiled(caseId, notice, AuthorId, Now)], FileCounterNoticeDecider.Decide(By(AuthorId), removed, notice, Now).Events);
        Assert.Equal(ErrorCodes.NotFound, FileCounterNoticeDecider.Decide(By(Reporter), removed, notice, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, FileCounterNoticeDecider.Decide(By(AuthorId, goodFaith: false), removed, notice, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, FileCounterNoticeDecider.Decide(By(AuthorId, statement: " "), removed, notice, Now).Refusal?.Code);
        Assert.Equal(CaseActions.NotActionable, FileCounterNoticeDecider.Decide(By(AuthorId), requested, notice, Now).Refusal?.Code);
        var reportedOnly = Case(video).Apply(new ContentRemoved(caseId, ReportTarget.Video, video, Moderator, ReportReason.Spam, Now));
        Assert.Equal(FileCounterNoticeDecider.NoTakedown, FileCounterNoticeDecider.Decide(By(AuthorId), reportedOnly, notice, Now).Refusal?.Code);
        var answered = removed.Apply(new CounterNoticeFiled(caseId, notice, AuthorId, Now));
        Assert.True(answered.AppealPending);
        Assert.Equal(AppealActionDecider.AlreadyAppealed, FileCounterNoticeDecider.Decide(By(AuthorId), answered, notice, Now).Refusal?.Code);
    }

    [Fact]
    public void A_label_is_one_of_a_kind_on_videos_only_and_an_overturn_lifts_its_cases_labels()
    {
        var id = Guid.NewGuid();
        var @case = Case(id);
        var video = new Generation(id, AuthorId, "author", "a prompt", 5, VideoAspect.Square1x1, VideoResolution.Sd480, 7, null, null, [], 1, 1, 0,
            DateOnly.FromDateTime(Now.UtcDateTime), "req-2", Now);
        var labelled = LabelContentDecider.Decide(new LabelContent(Mod, @case.Id, ContentLabel.Graphic), @case, video, Now);
        Assert.Equal([new ContentLabelled(@case.Id, id, ContentLabel.Graphic, Moderator, Now), new VideoLabelled(id, @case.Id, ContentLabel.Graphic, Moderator, Now)],
            labelled.Events);
        var withLabel = video.Apply((VideoLabelled)labelled.Events[1]);
        Assert.Empty(LabelContentDecider.Decide(new LabelContent(Mod, @case.Id, ContentLabel.Graphic), @case, withLabel, Now).Events);
        Assert.Equal(CaseActions.NotActionable, LabelContentDecider.Decide(new LabelContent(Mod, @case.Id, ContentLabel.Graphic), @case, null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, LabelContentDecider.Decide(new LabelContent(As(Reporter, AccountRole.Moderator), @case.Id, ContentLabel.Graphic), @case, video, Now).Refusal?.Code);

        var appealed = @case.Apply((ContentLabelled)labelled.Events[0]).Apply(new AppealFiled(@case.Id, Guid.NewGuid(), AuthorId, Now));
        var second = Guid.NewGuid();
        var overturned = DecideAppealDecider.Decide(new DecideAppeal(As(second, AccountRole.Moderator), @case.Id, false), appealed, [], Now);
        Assert.Contains(new VideoLabelsLifted(id, @case.Id, second, Now), overturned.Events);
        Assert.Empty(withLabel.Apply(new VideoLabelsLifted(id, @case.Id, second, Now)).Labels);
        Assert.Equal(CaseStatus.Restored, appealed.Apply((AppealDecided)overturned.Events[0]).Status);
    }

    [Fact]
    public void Every_moderator_who_decided_on_a_case_is_kept_from_its_appeal_and_a_removal_outlives_later_reports()
    {
        var video = Guid.NewGuid();
        var (remover, labeller) = (Guid.NewGuid(), Guid.NewGuid());
        var removed = Case(video).Apply(new ContentRemoved(ModerationCase.IdFor(ReportTarget.Video, video), ReportTarget.Video, video, remover, ReportReason.Spam, Now));
        var labelled = removed.Apply(new ContentLabelled(removed.Id, video, ContentLabel.Graphic, labeller, Now));
        var appealed = labelled.Apply(new AppealFiled(removed.Id, Guid.NewGuid(), AuthorId, Now));
        Assert.Equal(ErrorCodes.Forbidden, DecideAppealDecider.Decide(new DecideAppeal(As(remover, AccountRole.Moderator), removed.Id, false), appealed, [], Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, DecideAppealDecider.Decide(new DecideAppeal(As(labeller, AccountRole.Moderator), removed.Id, false), appealed, [], Now).Refusal?.Code);
        Assert.Null(DecideAppealDecider.Decide(new DecideAppeal(Mod, removed.Id, false), appealed, [], Now).Refusal);

        // A report after the removal is counted; the case stays REMOVED, so its appeal can still restore the video.
        var reportedAgain = removed.Apply(new ReportFiled(Guid.NewGuid(), removed.Id, Guid.NewGuid(), ReportTarget.Video, video, AuthorId, ReportReason.Hate, false, Now));
        Assert.Equal((CaseStatus.Removed, 2), (reportedAgain.Status, reportedAgain.ReportCount));
        Assert.True(reportedAgain.MayAppeal);
    }

    [Fact]
    public void An_age_restriction_is_one_per_video_and_an_overturn_lifts_it()
    {
        var id = Guid.NewGuid();
        var @case = Case(id);
        var video = new Generation(id, AuthorId, "author", "a prompt", 5, VideoAspect.Square1x1, VideoResolution.Sd480, 7, null, null, [], 1, 1, 0,
            DateOnly.FromDateTime(Now.UtcDateTime), "req-3", Now);
        var restricted = AgeRestrictContentDecider.Decide(new AgeRestrictContent(Mod, @case.Id), @case, video, Now);
        Assert.Equal([new ContentAgeRestricted(@case.Id, id, Moderator, Now), new VideoAgeRestricted(id, @case.Id, Moderator, Now)], restricted.Events);
        var gated = video.Apply((VideoAgeRestricted)restricted.Events[1]);
        Assert.Equal(@case.Id, gated.AgeRestrictedBy);
        Assert.Empty(AgeRestrictContentDecider.Decide(new AgeRestrictContent(Mod, @case.Id), @case, gated, Now).Events);
        Assert.Equal(CaseActions.NotActionable, AgeRestrictContentDecider.Decide(new AgeRestrictContent(Mod, @case.Id), @case, null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, AgeRestrictContentDecider.Decide(new AgeRestrictContent(As(Guid.NewGuid()), @case.Id), @case, video, Now).Refusal?.Code);

        var appealed = @case.Apply((ContentAgeRestricted)restricted.Events[0]).Apply(new AppealFiled(@case.Id, Guid.NewGuid(), AuthorId, Now));
        var second = Guid.NewGuid();
        var overturned = DecideAppealDecider.Decide(new DecideAppeal(As(second, AccountRole.Moderator), @case.Id, false), appealed, [], Now);
        Assert.Contains(new VideoAgeRestrictionLifted(id, @case.Id, second, Now), overturned.Events);
        Assert.Null(gated.Apply(new VideoAgeRestrictionLifted(id, @case.Id, second, Now)).AgeRestrictedBy);
        // Another case's lift leaves this restriction alone.
        Assert.Equal(@case.Id, gated.Apply(new VideoAgeRestrictionLifted(id, Guid.NewGuid(), second, Now)).AgeRestrictedBy);
    }
}
