using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

public enum CaseStatus
{
    Open,
    Removed,
    Dismissed,
    Restored,
    /// <summary>The author was struck, suspended or banned, and the item itself stays up.</summary>
    Actioned,
}

/// <summary>
/// The priority rule and the service levels, published in docs/moderation.md. Likeness without consent, minors and
/// sexual content come first and must be acted on within 48 hours (the TAKE IT DOWN Act's removal deadline for
/// intimate imagery, applied to every likeness complaint); everything else within 7 days.
/// </summary>
public static class ModerationPolicy
{
    public static readonly TimeSpan UrgentDeadline = TimeSpan.FromHours(48);
    public static readonly TimeSpan StandardDeadline = TimeSpan.FromDays(7);
    /// <summary>Reports one account may file in an hour: enough for anyone reporting in good faith.</summary>
    public const int ReportsPerHour = 20;
    public const int MaxTextLength = 1000;

    public static bool IsUrgent(ReportReason reason) =>
        reason is ReportReason.LikenessWithoutConsent or ReportReason.Minor or ReportReason.SexualContent;

    /// <summary>0 for urgent reasons, 1 for the rest: the queue's first ordering key.</summary>
    public static int PriorityClass(ReportReason reason) => IsUrgent(reason) ? 0 : 1;

    public static DateTimeOffset DueAt(ReportReason reason, DateTimeOffset reportedAt) =>
        reportedAt + (IsUrgent(reason) ? UrgentDeadline : StandardDeadline);

    /// <summary>Moderators and admins moderate.</summary>
    public static bool MayModerate(Actor actor) => actor.IsAdmin || actor.Has(Accounts.AccountRole.Moderator);
}

/// <summary>
/// One case per reported item (inline snapshot): every report on it, its priority and deadline, and what was done.
/// A case that was acted on opens again when a new report comes in.
/// </summary>
public sealed record ModerationCase(Guid Id, ReportTarget Target, Guid TargetId, Guid? AuthorId, DateTimeOffset OpenedAt)
{
    public CaseStatus Status { get; init; } = CaseStatus.Open;
    public int ReportCount { get; init; }
    /// <summary>Takedown requests from people without an account (or with one), each an urgent report.</summary>
    public int TakedownCount { get; init; }
    /// <summary>Refusals of this item as a copy of removed content (staydown), raised by the system, not by a person.</summary>
    public int StaydownMatches { get; init; }
    public Guid[] Reporters { get; init; } = [];
    public ReportReason TopReason { get; init; } = ReportReason.Other;
    public int PriorityClass { get; init; } = 1;
    public DateTimeOffset DueAt { get; init; } = DateTimeOffset.MaxValue;
    public DateTimeOffset? ActedAt { get; init; }
    public Guid? ActedBy { get; init; }
    /// <summary>Every moderator whose decision an appeal of this case would review (removal, label, account actions).</summary>
    public Guid[] Deciders { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; } = OpenedAt;
    public DateTimeOffset? AppealFiledAt { get; init; }
    /// <summary>For a prompt review: the normalized prompt's fingerprint (the prompt itself is sealed under the case).</summary>
    public string? PromptFingerprint { get; init; }
    /// <summary>The appeal is the author's counter-notice to a takedown request.</summary>
    public DateTimeOffset? CounterNoticeFiledAt { get; init; }
    public DateTimeOffset? AppealDecidedAt { get; init; }
    public bool? AppealUpheld { get; init; }
    /// <summary>What this case did to the item's author (an appeal can overturn it).</summary>
    public bool AuthorStruck { get; init; }
    public bool AuthorSuspended { get; init; }
    public bool AuthorBanned { get; init; }
    public bool AuthorActioned => AuthorStruck || AuthorSuspended || AuthorBanned;
    /// <summary>The case put a label on its video.</summary>
    public bool Labelled { get; init; }
    /// <summary>The case age-restricted its video.</summary>
    public bool AgeRestricted { get; init; }
    /// <summary>For the queue (a duplicated column): an appeal waits for a second moderator.</summary>
    public bool AppealPending { get; init; }

    public static Guid IdFor(ReportTarget target, Guid targetId) => DeterministicGuid.From("moderation-case|" + target, targetId);

    public static ModerationCase Create(ReportFiled e) => new ModerationCase(e.CaseId, e.Target, e.TargetId, e.AuthorId, e.At).Apply(e);

    /// <summary>A prompt review: the requester is the item's author and its one reporter.</summary>
    public static ModerationCase Create(PromptReviewRequested e) =>
        new ModerationCase(e.CaseId, ReportTarget.Prompt, PromptReviews.ItemFor(e.RequesterId, e.Fingerprint), e.RequesterId, e.At)
            .Reported(ReportReason.Other, 1, e.At, ModerationPolicy.DueAt(ReportReason.Other, e.At)) with { Reporters = [e.RequesterId], PromptFingerprint = e.Fingerprint };

    public ModerationCase Apply(PromptAllowed e) => this with { Status = CaseStatus.Restored, ActedAt = e.At, ActedBy = e.ModeratorId, UpdatedAt = e.At };

    public static ModerationCase Create(TakedownFiled e) => new ModerationCase(e.CaseId, ReportTarget.Video, e.VideoId, e.AuthorId, e.At).Apply(e);

    /// <summary>A takedown request counts as an urgent report (48 hours), whatever reason it gives.</summary>
    public ModerationCase Apply(TakedownFiled e) =>
        Reported(e.Reason, 0, e.At, e.At + ModerationPolicy.UrgentDeadline) with { TakedownCount = TakedownCount + 1 };

    public ModerationCase Apply(ReportFiled e) =>
        Reported(e.Reason, ModerationPolicy.PriorityClass(e.Reason), e.At, ModerationPolicy.DueAt(e.Reason, e.At)) with
        {
            Reporters = Reporters.Contains(e.ReporterId) ? Reporters : [.. Reporters, e.ReporterId],
        };

    /// <summary>
    /// The first report, or the first since the case was acted on (other than by a removal), sets class, reason and deadline; later ones can only
    /// make the case more urgent (a likeness report on a spam case brings its 48 h deadline).
    /// </summary>
    private ModerationCase Reported(ReportReason reason, int priority, DateTimeOffset at, DateTimeOffset due)
    {
        // A removed item is down already: a later report is counted, and the removal (its appeal, counter-notice,
        // restoration and staydown, which all start from it) stays what the case says.
        if (Status == CaseStatus.Removed) return this with { ReportCount = ReportCount + 1, UpdatedAt = at };
        var fresh = ReportCount == 0 || Status != CaseStatus.Open;
        return this with
        {
            Status = CaseStatus.Open,
            ReportCount = ReportCount + 1,
            TopReason = fresh || priority < PriorityClass ? reason : TopReason,
            PriorityClass = fresh ? priority : Math.Min(PriorityClass, priority),
            DueAt = fresh || due < DueAt ? due : DueAt,
            UpdatedAt = at,
        };
    }

    public static ModerationCase Create(StaydownMatched e) => new ModerationCase(e.CaseId, e.Target, e.TargetId, e.AuthorId, e.At).Apply(e);

    /// <summary>A copy of removed content, refused: raised by the system, as urgent as what it copies.</summary>
    public ModerationCase Apply(StaydownMatched e) =>
        Reported(e.Reason, ModerationPolicy.PriorityClass(e.Reason), e.At, ModerationPolicy.DueAt(e.Reason, e.At)) with { StaydownMatches = StaydownMatches + 1 };

    public ModerationCase Apply(ContentRemoved e) =>
        this with { Status = CaseStatus.Removed, ActedAt = e.At, ActedBy = e.ModeratorId, Deciders = [.. Deciders.Where(d => d != e.ModeratorId), e.ModeratorId], UpdatedAt = e.At };
    public ModerationCase Apply(ContentRestored e) => this with { Status = CaseStatus.Restored, ActedAt = e.At, ActedBy = e.ModeratorId, UpdatedAt = e.At };
    public ModerationCase Apply(AppealFiled e) => this with { AppealFiledAt = e.At, AppealPending = true, UpdatedAt = e.At };

    /// <summary>The takedown case's one appeal, from the author: decided the same way.</summary>
    public ModerationCase Apply(CounterNoticeFiled e) =>
        this with { AppealFiledAt = e.At, CounterNoticeFiledAt = e.At, AppealPending = true, UpdatedAt = e.At };

    /// <summary>An overturned appeal of a case that acted on its author or labelled its item leaves it RESTORED (a removal's restore says so itself).</summary>
    public ModerationCase Apply(AppealDecided e) => this with
    {
        AppealDecidedAt = e.At, AppealUpheld = e.Upheld, AppealPending = false, UpdatedAt = e.At,
        Status = !e.Upheld && Status == CaseStatus.Actioned ? CaseStatus.Restored : Status,
    };

    /// <summary>Labelling answers the case and leaves the video up.</summary>
    public ModerationCase Apply(ContentLabelled e) => ActedOnAuthor(e.ModeratorId, e.At) with { Labelled = true };

    /// <summary>Age-restricting answers the case; the video stays reachable by link for adults.</summary>
    public ModerationCase Apply(ContentAgeRestricted e) => ActedOnAuthor(e.ModeratorId, e.At) with { AgeRestricted = true };

    public ModerationCase Apply(AuthorStruck e) => ActedOnAuthor(e.ModeratorId, e.At) with { AuthorStruck = true };

    public ModerationCase Apply(AccountSuspended e) => ActedOnAuthor(e.ModeratorId, e.At) with { AuthorSuspended = true };

    public ModerationCase Apply(AccountBanned e) => ActedOnAuthor(e.ModeratorId, e.At) with { AuthorBanned = true };

    public ModerationCase Apply(AccountActionsOverturned e) =>
        this with { AuthorStruck = false, AuthorSuspended = false, AuthorBanned = false, Status = Status == CaseStatus.Actioned ? CaseStatus.Restored : Status, UpdatedAt = e.At };

    /// <summary>An open case is closed by acting on its author or labelling its item; a removal stays the case's status.</summary>
    private ModerationCase ActedOnAuthor(Guid moderator, DateTimeOffset at) =>
        this with
        {
            Status = Status == CaseStatus.Open ? CaseStatus.Actioned : Status, ActedAt = at, ActedBy = moderator,
            Deciders = [.. Deciders.Where(d => d != moderator), moderator], UpdatedAt = at,
        };

    public ModerationCase Apply(CaseDismissed e) => this with { Status = CaseStatus.Dismissed, ActedAt = e.At, ActedBy = e.ModeratorId, UpdatedAt = e.At };

    /// <summary>What the author may appeal: a removal or an action on their account, not yet appealed.</summary>
    public bool MayAppeal => AppealFiledAt is null && (Status == CaseStatus.Removed || AuthorActioned || Labelled || AgeRestricted);

    /// <summary>Open past its deadline.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == CaseStatus.Open && now > DueAt;
}
