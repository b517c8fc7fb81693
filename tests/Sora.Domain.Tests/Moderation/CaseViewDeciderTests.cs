using Sora.Domain.Notifications;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Sora.Projections.Moderation;
using Sora.Projections.Notifications;
using Xunit;

namespace Sora.Domain.Tests.Moderation;

/// <summary>Reading the reporters' words (an audited access), the transparency window, and who hears what about a case.</summary>
public sealed class CaseViewDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Video = Guid.NewGuid();
    private static Actor As(Guid who, params AccountRole[] roles) => new(who, new HashSet<AccountRole>([AccountRole.User, .. roles]));

    private static ModerationCase CaseReportedBy(params Guid[] reporters)
    {
        var caseId = ModerationCase.IdFor(ReportTarget.Video, Video);
        ReportFiled Filed(Guid r) => new(FileReportDecider.ReportIdFor(r, ReportTarget.Video, Video), caseId, r, ReportTarget.Video, Video, Author,
            ReportReason.Harassment, true, Now);
        var @case = ModerationCase.Create(Filed(reporters[0]));
        foreach (var r in reporters.Skip(1)) @case = @case.Apply(Filed(r));
        return @case;
    }

    [Fact]
    public void A_moderator_reads_the_texts_of_the_case_and_the_reading_is_an_event()
    {
        var reporter = Guid.NewGuid();
        var @case = CaseReportedBy(reporter);
        var report = FileReportDecider.ReportIdFor(reporter, ReportTarget.Video, Video);
        var moderator = Guid.NewGuid();
        var stray = Guid.NewGuid();
        var decision = ReadReportTextsDecider.Decide(new ReadReportTexts(As(moderator, AccountRole.Moderator), @case.Id, [report, stray], []), @case,
            [report], Now);
        var read = Assert.IsType<ReportTextsRead>(Assert.Single(decision.Events));
        // Only ids on this case are read (and recorded); an id from elsewhere is ignored.
        Assert.Equal((@case.Id, moderator, Now), (read.CaseId, read.ModeratorId, read.At));
        Assert.Equal([report], read.ReportIds);
        Assert.Empty(ReadReportTextsDecider.Decide(new ReadReportTexts(As(moderator, AccountRole.Admin), @case.Id, [], []), @case, [report], Now).Events);
    }

    [Fact]
    public void Users_auditors_the_author_and_oversized_reads_are_refused()
    {
        var @case = CaseReportedBy(Guid.NewGuid());
        string? Code(Actor actor, ModerationCase? c, int ids = 1) =>
            ReadReportTextsDecider.Decide(new ReadReportTexts(actor, @case.Id, Enumerable.Range(0, ids).Select(_ => Guid.NewGuid()).ToArray(), []), c, [], Now)
                .Refusal?.Code;
        Assert.Equal(ErrorCodes.Forbidden, Code(As(Guid.NewGuid()), @case));
        Assert.Equal(ErrorCodes.Forbidden, Code(As(Guid.NewGuid(), AccountRole.Auditor), @case));
        Assert.Equal(ErrorCodes.Forbidden, Code(As(Author, AccountRole.Moderator), @case));
        Assert.Equal(ErrorCodes.NotFound, Code(As(Guid.NewGuid(), AccountRole.Moderator), null));
        Assert.Equal(ErrorCodes.BadUserInput, Code(As(Guid.NewGuid(), AccountRole.Moderator), @case, ReadReportTextsDecider.MaxPerRead + 1));
    }

    [Fact]
    public void A_transparency_window_runs_forward_and_spans_at_most_366_days()
    {
        Assert.Null(TransparencyReport.Check(Now, Now.AddDays(366)));
        Assert.Equal(ErrorCodes.BadUserInput, TransparencyReport.Check(Now, Now)?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, TransparencyReport.Check(Now, Now.AddHours(-1))?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, TransparencyReport.Check(Now, Now.AddDays(366).AddTicks(1))?.Code);
    }

    [Fact]
    public void Moderators_hear_every_change_and_reporters_only_outcomes_without_the_moderator()
    {
        var reporters = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var @case = CaseReportedBy(reporters);
        var moderator = Guid.NewGuid();

        Assert.Equal((@case.Id, ModerationChange.Reported), ModerationNotifications.Of(new ReportFiled(Guid.NewGuid(), @case.Id, reporters[0], ReportTarget.Video,
            Video, Author, ReportReason.Spam, false, Now)) is { } r ? (r.CaseId, r.Change) : default);
        var removed = ModerationNotifications.Of(new ContentRemoved(@case.Id, ReportTarget.Video, Video, moderator, ReportReason.Hate, Now))!.Value;
        Assert.True(ModerationNotifications.IsOutcome(removed.Change));
        Assert.False(ModerationNotifications.IsOutcome(ModerationChange.AppealFiled));
        Assert.Equal(ModerationChange.AppealOverturned, ModerationNotifications.Of(new AppealDecided(@case.Id, moderator, false, Now, Now))!.Value.Change);

        var queued = ModerationNotifications.ForQueue(@case.Id, removed.Change, Now, 7);
        Assert.Equal((ModerationNotifications.QueueTopic, NotificationKind.ModerationQueueUpdated, @case.Id), (queued.RecipientId, queued.Kind, queued.CaseId));

        var told = ModerationNotifications.ForReporters(@case, ModerationChange.Removed, Now, 7).ToArray();
        Assert.Equal(reporters, told.Select(n => n.RecipientId));
        Assert.All(told, n => Assert.Equal((NotificationKind.ReportOutcome, n.RecipientId, ModerationChange.Removed), (n.Kind, n.ActorId, n.Change)));
        Assert.Equal(FileReportDecider.ReportIdFor(reporters[1], ReportTarget.Video, Video), told[1].ReportId);
        Assert.DoesNotContain(told, n => n.ActorId == moderator || n.RecipientId == Author);
    }
}
