using Sora.Domain.Moderation;
using Sora.Domain.Notifications;
using Sora.Projections.Notifications;

namespace Sora.Projections.Moderation;

/// <summary>
/// Which moderation events notify whom (pure). Moderators hear every new and updated case on one topic; each reporter
/// hears the outcome of a case they reported, and the author what was done to their content or account. None names a
/// moderator, and the author hears nothing about reporters (a dismissed case, which changed nothing for them, not at all).
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

    /// <summary>What an author hears about: an action on their content or account, or their appeal decided.</summary>
    public static bool ConcernsAuthor(ModerationChange change) => change is ModerationChange.Removed or ModerationChange.Restored
        or ModerationChange.AppealUpheld or ModerationChange.AppealOverturned or ModerationChange.AuthorActioned or ModerationChange.Labelled
        or ModerationChange.AgeRestricted or ModerationChange.PromptAllowed;

    /// <summary>
    /// Every notification of one event: the queue's, and for an outcome the author's and the reporters' (from the case as
    /// it stood before the transaction, in <paramref name="facts"/>: an action never arrives with a report).
    /// </summary>
    public static IEnumerable<UserNotification> For(object data, long sequence, NotificationFacts facts)
    {
        if (Of(data) is not { } m) yield break;
        yield return ForQueue(m.CaseId, m.Change, m.At, sequence);
        if (!IsOutcome(m.Change) || !facts.Cases.TryGetValue(m.CaseId, out var @case)) yield break;
        if (ForAuthor(@case, m.Change, m.At, sequence) is { } author) yield return author;
        foreach (var reporter in ForReporters(@case, m.Change, m.At, sequence))
            if (reporter.RecipientId != @case.AuthorId) yield return reporter;
    }

    /// <summary>The author's: the actor is the author themself, as for reporters.</summary>
    public static UserNotification? ForAuthor(ModerationCase @case, ModerationChange change, DateTimeOffset at, long sequence) =>
        @case.AuthorId is { } author && ConcernsAuthor(change)
            ? new UserNotification(author, NotificationKind.ModerationAction, author, at, sequence, CaseId: @case.Id, Change: change)
            : null;

    public static UserNotification ForQueue(Guid caseId, ModerationChange change, DateTimeOffset at, long sequence) =>
        new(QueueTopic, NotificationKind.ModerationQueueUpdated, QueueTopic, at, sequence, CaseId: caseId, Change: change);

    /// <summary>One per reporter of the case. The actor is the reporter themself: the moderator is never named.</summary>
    public static IEnumerable<UserNotification> ForReporters(ModerationCase @case, ModerationChange change, DateTimeOffset at, long sequence) =>
        @case.Reporters.Take(MaxReportersNotified).Select(reporter => new UserNotification(reporter, NotificationKind.ReportOutcome, reporter, at, sequence,
            CaseId: @case.Id, ReportId: FileReportDecider.ReportIdFor(reporter, @case.Target, @case.TargetId), Change: change));
}
