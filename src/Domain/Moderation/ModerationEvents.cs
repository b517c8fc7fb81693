using Marten;

namespace Sora.Domain.Moderation;

/// <summary>What a report is about.</summary>
public enum ReportTarget
{
    Video,
    Comment,
    Account,
    CameoUse,
    /// <summary>A prompt the policy refused, under review at its requester's request (never reported by others).</summary>
    Prompt,
    /// <summary>An uploaded image (image-to-video input); only staydown raises cases on uploads, nobody reports them.</summary>
    Upload,
    /// <summary>A direct message, reported by a member it was delivered to; moderators read its text (audited).</summary>
    Message,
}

/// <summary>The fixed list of reasons (docs/moderation.md). The first three are urgent: 48 h to act.</summary>
public enum ReportReason
{
    LikenessWithoutConsent,
    Minor,
    SexualContent,
    Harassment,
    Violence,
    Hate,
    Spam,
    Impersonation,
    Other,
}

/// <summary>
/// One report. <paramref name="WithText"/> says whether the reporter added words: the words themselves are sealed in
/// the vault under the report (they may name people), never in the event.
/// </summary>
public sealed record ReportFiled(Guid ReportId, Guid CaseId, Guid ReporterId, ReportTarget Target, Guid TargetId, Guid? AuthorId,
    ReportReason Reason, bool WithText, DateTimeOffset At);

/// <summary>A moderator took the item down (a video everywhere, with the remixes made from it; a comment).</summary>
public sealed record ContentRemoved(Guid CaseId, ReportTarget Target, Guid TargetId, Guid ModeratorId, ReportReason Reason, DateTimeOffset At);

/// <summary>A moderator put a removed video back.</summary>
public sealed record ContentRestored(Guid CaseId, ReportTarget Target, Guid TargetId, Guid ModeratorId, DateTimeOffset At);

/// <summary>A moderator found nothing to act on.</summary>
public sealed record CaseDismissed(Guid CaseId, Guid ModeratorId, DateTimeOffset At);

public static class ModerationEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<ReportFiled>("report_filed");
        opts.Events.MapEventType<ContentRemoved>("content_removed");
        opts.Events.MapEventType<ContentRestored>("content_restored");
        opts.Events.MapEventType<CaseDismissed>("case_dismissed");
        opts.Events.MapEventType<TakedownFiled>("takedown_filed");
        opts.Events.MapEventType<AppealFiled>("appeal_filed");
        opts.Events.MapEventType<AppealDecided>("appeal_decided");
        opts.Events.MapEventType<CounterNoticeFiled>("counter_notice_filed");
    }
}
