using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.Domain.Generations;
using Sora.Domain.Moderation;
using Xunit;

namespace Sora.Domain.Tests.Moderation;

/// <summary>Reports, the case they build (priority and deadline), and the moderator actions on it.</summary>
public sealed class ModerationDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Reporter = Guid.NewGuid();
    private static readonly Guid Video = Guid.NewGuid();
    private static Actor As(Guid who, params AccountRole[] roles) => new(who, new HashSet<AccountRole>([AccountRole.User, .. roles]));

    private static ReportFiled Filed(ReportReason reason, Guid? reporter = null, DateTimeOffset? at = null, ReportTarget target = ReportTarget.Video) =>
        (ReportFiled)FileReportDecider.Decide(new FileReport(As(reporter ?? Reporter), target, Video, reason, null), new ReportedItem(true, Author), false, 0,
            at ?? Now).Events[0];

    private static ModerationCase Case(params ReportFiled[] reports)
    {
        var @case = ModerationCase.Create(reports[0]);
        foreach (var r in reports.Skip(1)) @case = @case.Apply(r);
        return @case;
    }

    [Fact]
    public void A_report_names_its_case_by_item_and_its_id_by_reporter_and_item()
    {
        var filed = Filed(ReportReason.Spam);
        Assert.Equal(ModerationCase.IdFor(ReportTarget.Video, Video), filed.CaseId);
        Assert.Equal(FileReportDecider.ReportIdFor(Reporter, ReportTarget.Video, Video), filed.ReportId);
        Assert.NotEqual(filed.ReportId, Filed(ReportReason.Spam, reporter: Guid.NewGuid()).ReportId);
        Assert.NotEqual(filed.CaseId, Filed(ReportReason.Spam, target: ReportTarget.Comment).CaseId);
        Assert.Equal((Author, ReportReason.Spam, false), (filed.AuthorId, filed.Reason, filed.WithText));
    }

    [Fact]
    public void Reports_are_refused_on_yourself_on_what_you_cannot_see_over_the_limit_and_repeats_add_nothing()
    {
        FileReport Command(string? text = null) => new(As(Reporter), ReportTarget.Video, Video, ReportReason.Hate, text);
        Assert.Equal(ErrorCodes.NotFound, FileReportDecider.Decide(Command(), new ReportedItem(false, Author), false, 0, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.CannotTargetSelf, FileReportDecider.Decide(Command(), new ReportedItem(true, Reporter), false, 0, Now).Refusal?.Code);
        Assert.Equal(FileReportDecider.RateLimited,
            FileReportDecider.Decide(Command(), new ReportedItem(true, Author), false, ModerationPolicy.ReportsPerHour, Now).Refusal?.Code);
        Assert.Null(FileReportDecider.Decide(Command(), new ReportedItem(true, Author), false, ModerationPolicy.ReportsPerHour - 1, Now).Refusal);
        var repeat = FileReportDecider.Decide(Command(), new ReportedItem(true, Author), true, ModerationPolicy.ReportsPerHour, Now);
        Assert.Null(repeat.Refusal);
        Assert.Empty(repeat.Events);
        Assert.Equal(ErrorCodes.BadUserInput,
            FileReportDecider.Decide(Command(new string('x', ModerationPolicy.MaxTextLength + 1)), new ReportedItem(true, Author), false, 0, Now).Refusal?.Code);
        Assert.True(((ReportFiled)FileReportDecider.Decide(Command("words"), new ReportedItem(true, Author), false, 0, Now).Events[0]).WithText);
    }

    [Theory]
    [InlineData(ReportReason.LikenessWithoutConsent, 0, 48)]
    [InlineData(ReportReason.Minor, 0, 48)]
    [InlineData(ReportReason.SexualContent, 0, 48)]
    [InlineData(ReportReason.Spam, 1, 168)]
    [InlineData(ReportReason.Harassment, 1, 168)]
    public void Urgent_reasons_come_first_with_48_hours_the_rest_get_7_days(ReportReason reason, int priority, int hours)
    {
        var @case = Case(Filed(reason));
        Assert.Equal((priority, Now.AddHours(hours), 1), (@case.PriorityClass, @case.DueAt, @case.ReportCount));
        Assert.False(@case.IsOverdue(Now.AddHours(hours)));
        Assert.True(@case.IsOverdue(Now.AddHours(hours).AddSeconds(1)));
    }

    [Fact]
    public void A_later_urgent_report_tightens_the_case_and_an_acted_case_reopens_fresh()
    {
        var spam = Filed(ReportReason.Spam);
        var likeness = Filed(ReportReason.LikenessWithoutConsent, reporter: Guid.NewGuid(), at: Now.AddHours(10));
        var @case = Case(spam, likeness, Filed(ReportReason.Other, reporter: Guid.NewGuid(), at: Now.AddHours(11)));
        Assert.Equal((0, ReportReason.LikenessWithoutConsent, Now.AddHours(58), 3), (@case.PriorityClass, @case.TopReason, @case.DueAt, @case.ReportCount));
        Assert.Equal(3, @case.Reporters.Length);

        var dismissed = @case.Apply(new CaseDismissed(@case.Id, Guid.NewGuid(), Now.AddHours(12)));
        Assert.False(dismissed.IsOverdue(Now.AddDays(30)));
        var reopened = dismissed.Apply(Filed(ReportReason.Spam, reporter: Guid.NewGuid(), at: Now.AddDays(2)));
        Assert.Equal((CaseStatus.Open, 1, Now.AddDays(9)), (reopened.Status, reopened.PriorityClass, reopened.DueAt));
    }

    [Fact]
    public void Only_moderators_act_never_on_their_own_content_or_a_case_they_reported()
    {
        var moderator = Guid.NewGuid();
        var @case = Case(Filed(ReportReason.Violence));
        RemoveContent Remove(Actor by) => new(by, @case.Id, ReportReason.Violence);
        Assert.Equal(ErrorCodes.Forbidden, RemoveContentDecider.Decide(Remove(As(moderator)), @case, null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, RemoveContentDecider.Decide(Remove(As(moderator, AccountRole.Moderator)), null, null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, RemoveContentDecider.Decide(Remove(As(Author, AccountRole.Moderator)), @case, null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, RemoveContentDecider.Decide(Remove(As(Reporter, AccountRole.Moderator)), @case, null, Now).Refusal?.Code);
        Assert.Null(RemoveContentDecider.Decide(Remove(As(moderator, AccountRole.Admin)), @case, null, Now).Refusal);
    }

    [Fact]
    public void Removing_a_video_takes_it_down_on_its_own_stream_and_a_comment_is_deleted()
    {
        var moderator = Guid.NewGuid();
        var video = Case(Filed(ReportReason.LikenessWithoutConsent));
        var decision = RemoveContentDecider.Decide(new RemoveContent(As(moderator, AccountRole.Moderator), video.Id, ReportReason.LikenessWithoutConsent), video, null, Now);
        Assert.Equal([new ContentRemoved(video.Id, ReportTarget.Video, Video, moderator, ReportReason.LikenessWithoutConsent, Now),
            new VideoTakenDown(Video, video.Id, moderator, Now)], decision.Events);
        var removed = video.Apply((ContentRemoved)decision.Events[0]);
        Assert.Empty(RemoveContentDecider.Decide(new RemoveContent(As(moderator, AccountRole.Moderator), video.Id, ReportReason.Spam), removed, null, Now).Events);

        var comment = Case(Filed(ReportReason.Harassment, target: ReportTarget.Comment));
        var onVideo = Guid.NewGuid();
        Assert.Equal(new CommentDeleted(Video, onVideo, moderator, Now),
            RemoveContentDecider.Decide(new RemoveContent(As(moderator, AccountRole.Moderator), comment.Id, ReportReason.Harassment), comment, onVideo, Now).Events[1]);
        var account = Case(Filed(ReportReason.Impersonation, target: ReportTarget.Account));
        Assert.Equal(CaseActions.NotActionable,
            RemoveContentDecider.Decide(new RemoveContent(As(moderator, AccountRole.Moderator), account.Id, ReportReason.Impersonation), account, null, Now).Refusal?.Code);
    }

    [Fact]
    public void Only_a_removed_video_is_restored_and_only_an_open_case_is_dismissed()
    {
        var moderator = As(Guid.NewGuid(), AccountRole.Moderator);
        var open = Case(Filed(ReportReason.Spam));
        Assert.Equal(CaseActions.NotActionable, RestoreContentDecider.Decide(new RestoreContent(moderator, open.Id), open, Now).Refusal?.Code);
        var removed = open.Apply(new ContentRemoved(open.Id, ReportTarget.Video, Video, moderator.AccountId, ReportReason.Spam, Now));
        Assert.Equal([new ContentRestored(open.Id, ReportTarget.Video, Video, moderator.AccountId, Now), new VideoReinstated(Video, open.Id, moderator.AccountId, Now)],
            RestoreContentDecider.Decide(new RestoreContent(moderator, open.Id), removed, Now).Events);

        Assert.Equal([new CaseDismissed(open.Id, moderator.AccountId, Now)], DismissCaseDecider.Decide(new DismissCase(moderator, open.Id), open, Now).Events);
        Assert.Equal(CaseActions.NotActionable, DismissCaseDecider.Decide(new DismissCase(moderator, open.Id), removed, Now).Refusal?.Code);
    }

    private static Generation Rendered(Guid id, Guid requester) =>
        Generation.Create(new GenerationRequested(id, requester, "maker", "p", 5, VideoAspect.Square1x1, VideoResolution.Sd480, 1, null, null, [], 1, 1, 0,
                DateOnly.FromDateTime(Now.UtcDateTime), "c", Now))
            .Apply(new GenerationRendered(id, requester, "v", "p", 480, 480, 5, 1, "m", "model", "cpu", Now));

    [Fact]
    public void A_takedown_needs_good_faith_a_name_an_email_a_statement_and_a_rendered_video()
    {
        var video = Rendered(Video, Author);
        RequestTakedown Ask(bool goodFaith = true, string name = "Jo", string email = "jo@example.org", string statement = "my face") =>
            new(Video, name, email, statement, goodFaith, ReportReason.Harassment);
        var takedown = Guid.NewGuid();
        foreach (var (bad, field) in new[] { (Ask(goodFaith: false), "goodFaith"), (Ask(name: " "), "name"), (Ask(email: "jo"), "email"),
                     (Ask(email: "@example.org"), "email"), (Ask(email: "jo @example.org"), "email"), (Ask(statement: ""), "statement"),
                     (Ask(statement: new string('x', RequestTakedownDecider.MaxStatement + 1)), "statement") })
        {
            var refused = RequestTakedownDecider.Decide(bad, video, takedown, Now).Refusal;
            Assert.Equal((ErrorCodes.BadUserInput, field), (refused?.Code, refused?.Field));
        }
        Assert.Equal(ErrorCodes.NotFound, RequestTakedownDecider.Decide(Ask(), null, takedown, Now).Refusal?.Code);
        var queued = Generation.Create(new GenerationRequested(Video, Author, "maker", "p", 5, VideoAspect.Square1x1, VideoResolution.Sd480, 1, null, null, [],
            1, 1, 0, DateOnly.FromDateTime(Now.UtcDateTime), "c", Now));
        Assert.Equal(ErrorCodes.NotFound, RequestTakedownDecider.Decide(Ask(), queued, takedown, Now).Refusal?.Code);

        var filed = Assert.IsType<TakedownFiled>(Assert.Single(RequestTakedownDecider.Decide(Ask(), video, takedown, Now).Events));
        Assert.Equal(new TakedownFiled(takedown, ModerationCase.IdFor(ReportTarget.Video, Video), Video, Author, ReportReason.Harassment, Now), filed);
    }

    [Fact]
    public void A_takedown_is_urgent_whatever_its_reason_and_joins_the_videos_case()
    {
        var filed = new TakedownFiled(Guid.NewGuid(), ModerationCase.IdFor(ReportTarget.Video, Video), Video, Author, ReportReason.Other, Now);
        var alone = ModerationCase.Create(filed);
        Assert.Equal((0, Now.AddHours(48), 1, 1, CaseStatus.Open), (alone.PriorityClass, alone.DueAt, alone.ReportCount, alone.TakedownCount, alone.Status));
        Assert.Empty(alone.Reporters);

        var withReport = Case(Filed(ReportReason.Spam)).Apply(filed with { At = Now.AddHours(1) });
        Assert.Equal((withReport.Id, 0, Now.AddHours(49), 2), (filed.CaseId, withReport.PriorityClass, withReport.DueAt, withReport.ReportCount));
    }

    [Fact]
    public void Only_the_author_appeals_only_a_removal_and_only_once_and_another_moderator_decides()
    {
        var remover = Guid.NewGuid();
        var open = Case(Filed(ReportReason.Hate));
        var removed = open.Apply(new ContentRemoved(open.Id, ReportTarget.Video, Video, remover, ReportReason.Hate, Now));
        AppealAction Appeal(Guid by, string statement = "it breaks no rule") => new(As(by), open.Id, statement);
        var appealId = Guid.NewGuid();
        Assert.Equal(ErrorCodes.NotFound, AppealActionDecider.Decide(Appeal(Reporter), removed, appealId, Now).Refusal?.Code);
        Assert.Equal(CaseActions.NotActionable, AppealActionDecider.Decide(Appeal(Author), open, appealId, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, AppealActionDecider.Decide(Appeal(Author, " "), removed, appealId, Now).Refusal?.Code);
        var filed = Assert.IsType<AppealFiled>(Assert.Single(AppealActionDecider.Decide(Appeal(Author), removed, appealId, Now).Events));
        var appealed = removed.Apply(filed);
        Assert.Equal(AppealActionDecider.AlreadyAppealed, AppealActionDecider.Decide(Appeal(Author), appealed, appealId, Now).Refusal?.Code);

        DecideAppeal Decide(Guid by, bool uphold) => new(As(by, AccountRole.Moderator), open.Id, uphold);
        Assert.Equal(ErrorCodes.Forbidden, DecideAppealDecider.Decide(Decide(remover, true), appealed, [], Now).Refusal?.Code);
        Assert.Equal(CaseActions.NotActionable, DecideAppealDecider.Decide(Decide(Guid.NewGuid(), true), removed, [], Now).Refusal?.Code);
        var second = Guid.NewGuid();
        var later = Now.AddHours(5);
        Assert.Equal([new AppealDecided(open.Id, second, true, Now, later)], DecideAppealDecider.Decide(Decide(second, true), appealed, [], later).Events);
        Assert.Equal([new AppealDecided(open.Id, second, false, Now, later), new ContentRestored(open.Id, ReportTarget.Video, Video, second, later),
            new VideoReinstated(Video, open.Id, second, later)], DecideAppealDecider.Decide(Decide(second, false), appealed, [], later).Events);
        var decided = appealed.Apply(new AppealDecided(open.Id, second, true, Now, later));
        Assert.Equal((false, true, later), (decided.AppealPending, decided.AppealUpheld, decided.AppealDecidedAt));
        Assert.Equal(CaseActions.NotActionable, DecideAppealDecider.Decide(Decide(Guid.NewGuid(), false), decided, [], later).Refusal?.Code);
    }
}
