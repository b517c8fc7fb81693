using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Sora.Domain.Moderation;

/// <summary>One report, by its id (reporter and item): answers a repeated report, counts the reporter's last hour, and
/// lists "my reports". Who reported is never shown to the person reported.</summary>
public sealed class ReportRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid ReporterId { get; set; }
    public ReportTarget Target { get; set; }
    public Guid TargetId { get; set; }
    public ReportReason Reason { get; set; }
    public DateTimeOffset At { get; set; }
    public long Seq { get; set; }
}

/// <summary>One moderator action, with its actor: the moderation log auditors read.</summary>
public sealed class ModerationActionRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string Action { get; set; } = "";
    public ReportTarget? Target { get; set; }
    public Guid? TargetId { get; set; }
    public Guid ModeratorId { get; set; }
    public DateTimeOffset At { get; set; }
    public long Seq { get; set; }
}

/// <summary>Inline: a repeated report and the hourly limit are decided against these in the reporting transaction.</summary>
public partial class ModerationRecordsProjection : EventProjection
{
    public void Project(IEvent<ReportFiled> e, IDocumentOperations ops) => ops.Store(new ReportRecord
    {
        Id = e.Data.ReportId, CaseId = e.Data.CaseId, ReporterId = e.Data.ReporterId, Target = e.Data.Target, TargetId = e.Data.TargetId,
        Reason = e.Data.Reason, At = e.Data.At, Seq = e.Sequence,
    });

    public void Project(IEvent<ContentRemoved> e, IDocumentOperations ops) =>
        ops.Store(Action(e, "REMOVE", e.Data.CaseId, e.Data.Target, e.Data.TargetId, e.Data.ModeratorId, e.Data.At));

    public void Project(IEvent<ContentRestored> e, IDocumentOperations ops) =>
        ops.Store(Action(e, "RESTORE", e.Data.CaseId, e.Data.Target, e.Data.TargetId, e.Data.ModeratorId, e.Data.At));

    public void Project(IEvent<AppealDecided> e, IDocumentOperations ops) =>
        ops.Store(Action(e, e.Data.Upheld ? "APPEAL_UPHELD" : "APPEAL_OVERTURNED", e.Data.CaseId, null, null, e.Data.ModeratorId, e.Data.At));

    public void Project(IEvent<CaseDismissed> e, IDocumentOperations ops) =>
        ops.Store(Action(e, "DISMISS", e.Data.CaseId, null, null, e.Data.ModeratorId, e.Data.At));

    public void Project(IEvent<AuthorStruck> e, IDocumentOperations ops) =>
        ops.Store(Action(e, "STRIKE", e.Data.CaseId, ReportTarget.Account, e.Data.AccountId, e.Data.ModeratorId, e.Data.At));

    /// <summary>A suspension by the strike rule is logged as the rule's, under the moderator whose strike triggered it.</summary>
    public void Project(IEvent<AccountSuspended> e, IDocumentOperations ops) =>
        ops.Store(Action(e, e.Data.ByRule ? "SUSPEND_BY_RULE" : "SUSPEND", e.Data.CaseId, ReportTarget.Account, e.Data.AccountId, e.Data.ModeratorId, e.Data.At));

    public void Project(IEvent<AccountBanned> e, IDocumentOperations ops) =>
        ops.Store(Action(e, "BAN", e.Data.CaseId, ReportTarget.Account, e.Data.AccountId, e.Data.ModeratorId, e.Data.At));

    public void Project(IEvent<AccountActionsOverturned> e, IDocumentOperations ops) =>
        ops.Store(Action(e, "ACCOUNT_ACTIONS_OVERTURNED", e.Data.CaseId, ReportTarget.Account, e.Data.AccountId, e.Data.ModeratorId, e.Data.At));

    public void Project(IEvent<ContentAgeRestricted> e, IDocumentOperations ops) =>
        ops.Store(Action(e, "AGE_RESTRICT", e.Data.CaseId, ReportTarget.Video, e.Data.TargetId, e.Data.ModeratorId, e.Data.At));

    public void Project(IEvent<ContentLabelled> e, IDocumentOperations ops) =>
        ops.Store(Action(e, "LABEL", e.Data.CaseId, ReportTarget.Video, e.Data.TargetId, e.Data.ModeratorId, e.Data.At));

    public void Project(IEvent<PromptAllowed> e, IDocumentOperations ops) =>
        ops.Store(Action(e, "ALLOW_PROMPT", e.Data.CaseId, ReportTarget.Prompt, null, e.Data.ModeratorId, e.Data.At));

    private static ModerationActionRecord Action(IEvent e, string action, Guid caseId, ReportTarget? target, Guid? targetId, Guid moderator,
        DateTimeOffset at) =>
        new() { Id = e.Id, CaseId = caseId, Action = action, Target = target, TargetId = targetId, ModeratorId = moderator, At = at, Seq = e.Sequence };
}
