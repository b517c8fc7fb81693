using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Sora.Domain.Moderation;

/// <summary>A moderator read the reporters' words (and takedown statements) with these ids on a case: the audit of a
/// sealed read. Ids only; the words stay in the vault.</summary>
public sealed record ReportTextsRead(Guid CaseId, Guid ModeratorId, Guid[] ReportIds, DateTimeOffset At);

/// <summary>A takedown request, by event sequence: the transparency report orders it against the actions on its case.</summary>
public sealed class TakedownIntakeRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public ReportReason Reason { get; set; }
    public DateTimeOffset At { get; set; }
    public long Seq { get; set; }
}

/// <summary>The case view's and the transparency report's share of the moderation records (inline).</summary>
public partial class ModerationRecordsProjection
{
    public const string ReadReportTextsAction = "READ_REPORT_TEXTS";
    /// <summary>An audited access, like reading report texts: in the log, not an action on a case.</summary>
    public const string OpenDisputeEvidenceAction = "OPEN_DISPUTE_EVIDENCE";

    public void Project(IEvent<TakedownFiled> e, IDocumentOperations ops) => ops.Store(new TakedownIntakeRecord
    {
        Id = e.Data.TakedownId, CaseId = e.Data.CaseId, Reason = e.Data.Reason, At = e.Data.At, Seq = e.Sequence,
    });

    // In the moderation log beside the actions: auditors see who read whose words.
    public void Project(IEvent<ReportTextsRead> e, IDocumentOperations ops) =>
        ops.Store(Action(e, ReadReportTextsAction, e.Data.CaseId, null, null, e.Data.ModeratorId, e.Data.At));
}

public static class CaseViewEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<ReportTextsRead>("report_texts_read");
        // The transparency report's bounded SQL (src/Projections/Moderation/TransparencyReport.cs) and the author history.
        opts.Schema.For<ReportRecord>().Duplicate(r => r.CaseId).Duplicate(r => r.Reason);
        opts.Schema.For<ModerationActionRecord>().Duplicate(a => a.CaseId).Duplicate(a => a.At).Duplicate(a => a.Action);
        opts.Schema.For<TakedownIntakeRecord>().Duplicate(t => t.CaseId).Duplicate(t => t.At).Duplicate(t => t.Seq);
        opts.Schema.For<ModerationCase>().Duplicate(c => c.AuthorId).Duplicate(c => c.UpdatedAt).Duplicate(c => c.AppealFiledAt)
            .Duplicate(c => c.AppealDecidedAt);
    }
}
