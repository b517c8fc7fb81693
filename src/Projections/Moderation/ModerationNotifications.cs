using Sora.Domain.Moderation;
using Sora.Projections.Notifications;

namespace Sora.Projections.Moderation;

/// <summary>What happened to a case, as the queue subscription and a reporter's notification say it.</summary>
public enum ModerationChange
{
    Reported,
    TakedownFiled,
    AppealFiled,
    Removed,
    Restored,
    Dismissed,
    AppealUpheld,
    AppealOverturned,
    /// <summary>The author was struck, suspended or banned on the case.</summary>
    AuthorActioned,
    /// <summary>The case's video was labelled.</summary>
    Labelled,
    /// <summary>The case's video was age-restricted.</summary>
    AgeRestricted,
    /// <summary>A copy of removed content was refused and opened (or added to) this case.</summary>
    StaydownMatched,
    /// <summary>A prompt review was asked for, or the reviewed prompt was allowed.</summary>
    PromptReviewRequested,
    PromptAllowed,
}

/// <summary>
/// Which moderation events notify whom (pure). Moderators hear every new and updated case on one topic; each reporter
/// hears the outcome of a case they reported. Neither names a moderator, and the author hears nothing about reporters.
/// </summary>
public static class ModerationNotifications
{
    /// <summary>The recipient id the queue's notifications travel under (no account has it: account ids are v7).</summary>
    public static readonly Guid QueueTopic = new("00000000-0000-8000-8000-6d6f64717565"); // "modque"

    /// <summary>Reporters told of one action, at most: above it they find the outcome in myReports.</summary>
    public const int MaxReportersNotified = 10_000;

    public static (Guid CaseId, ModerationChange Change, DateTimeOffset At)? Of(object data) => data switch
    {
        ReportFiled r => (r.CaseId, ModerationChange.Reported, r.At),
        TakedownFiled t => (t.CaseId, ModerationChange.TakedownFiled, t.At),
        AppealFiled a => (a.CaseId, ModerationChange.AppealFiled, a.At),
        CounterNoticeFiled c => (c.CaseId, ModerationChange.AppealFiled, c.At),
        StaydownMatched m => (m.CaseId, ModerationChange.StaydownMatched, m.At),
        PromptReviewRequested p => (p.CaseId, ModerationChange.PromptReviewRequested, p.At),
        ContentRemoved r => (r.CaseId, ModerationChange.Removed, r.At),
        ContentRestored r => (r.CaseId, ModerationChange.Restored, r.At),
        CaseDismissed d => (d.CaseId, ModerationChange.Dismissed, d.At),
        AppealDecided d => (d.CaseId, d.Upheld ? ModerationChange.AppealUpheld : ModerationChange.AppealOverturned, d.At),
        AuthorStruck a => (a.CaseId, ModerationChange.AuthorActioned, a.At),
        // A suspension by the strike rule comes with its strike: reporters hear of that action once.
        AccountSuspended { ByRule: false } a => (a.CaseId, ModerationChange.AuthorActioned, a.At),
        AccountBanned a => (a.CaseId, ModerationChange.AuthorActioned, a.At),
        ContentLabelled l => (l.CaseId, ModerationChange.Labelled, l.At),
        ContentAgeRestricted r => (r.CaseId, ModerationChange.AgeRestricted, r.At),
        PromptAllowed p => (p.CaseId, ModerationChange.PromptAllowed, p.At),
        _ => null,
    };

    /// <summary>An outcome a reporter hears about: what moderators decided, not what reporters or the author did.</summary>
    public static bool IsOutcome(ModerationChange change) => change is not (ModerationChange.Reported or ModerationChange.TakedownFiled
        or ModerationChange.AppealFiled or ModerationChange.StaydownMatched or ModerationChange.PromptReviewRequested);

    public static UserNotification ForQueue(Guid caseId, ModerationChange change, DateTimeOffset at, long sequence) =>
        new(QueueTopic, NotificationKind.ModerationQueueUpdated, QueueTopic, at, sequence, CaseId: caseId, Change: change);

    /// <summary>One per reporter of the case. The actor is the reporter themself: the moderator is never named.</summary>
    public static IEnumerable<UserNotification> ForReporters(ModerationCase @case, ModerationChange change, DateTimeOffset at, long sequence) =>
        @case.Reporters.Take(MaxReportersNotified).Select(reporter => new UserNotification(reporter, NotificationKind.ReportOutcome, reporter, at, sequence,
            CaseId: @case.Id, ReportId: FileReportDecider.ReportIdFor(reporter, @case.Target, @case.TargetId), Change: change));
}
