using GraphQL.Types;
using Sora.Domain.Moderation;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class ReportTargetType : EnumerationGraphType<ReportTarget>
{
    public ReportTargetType() => Description = "What a report is about.";
}

public sealed class ReportReasonType : EnumerationGraphType<ReportReason>
{
    public ReportReasonType() =>
        Description = "Why. LIKENESS_WITHOUT_CONSENT, MINOR and SEXUAL_CONTENT are urgent: acted on within 48 hours (docs/moderation.md).";
}

public sealed class CaseStatusType : EnumerationGraphType<CaseStatus>
{
    public CaseStatusType() => Name = "ModerationCaseStatus";
}

/// <summary>A case as moderators see it. Who reported is not part of it: reports are counted, never attributed.</summary>
public sealed class ModerationCaseType : ObjectGraphType<ModerationCase>
{
    public ModerationCaseType()
    {
        Name = "ModerationCase";
        Description = "One reported item and everything reported about it (moderators only).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<ReportTargetType>>("target").Resolve(ctx => ctx.Source.Target);
        Field<NonNullGraphType<IdGraphType>>("targetId").Resolve(ctx => ctx.Source.TargetId);
        Field<IdGraphType>("authorId").Description("The account the item belongs to.").Resolve(ctx => ctx.Source.AuthorId);
        Field<NonNullGraphType<ReportReasonType>>("topReason").Description("The most urgent reason reported.").Resolve(ctx => ctx.Source.TopReason);
        Field<NonNullGraphType<BooleanGraphType>>("urgent").Resolve(ctx => ctx.Source.PriorityClass == 0);
        Field(x => x.ReportCount);
        Field(x => x.OpenedAt);
        Field(x => x.DueAt).Description("When it must be acted on: 48 h after an urgent report, 7 days otherwise.");
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Description("Open past its deadline.")
            .Resolve(ctx => ctx.Source.IsOverdue(ctx.Service<TimeProvider>().GetUtcNow()));
        Field<NonNullGraphType<CaseStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(x => x.ActedAt, nullable: true);
        Field(x => x.AppealFiledAt, nullable: true);
        Field(x => x.AppealDecidedAt, nullable: true);
        Field(x => x.AppealUpheld, nullable: true).Description("true: the removal stands; false: it was overturned.");
        Field(x => x.CounterNoticeFiledAt, nullable: true).Description("The pending or decided appeal is the author's counter-notice to a takedown request.");
        Field<StringGraphType>("prompt").Description("For a prompt review (target PROMPT): the refused prompt, unsealed for moderators.")
            .ResolveAsync(async ctx =>
            {
                if (ctx.Source.Target != ReportTarget.Prompt) return null;
                await using var session = ctx.Service<Marten.IDocumentStore>().QuerySession();
                return await ctx.Service<Sora.Domain.Privacy.PersonalDataVault>().OpenAsync<string>(session, ctx.Source.Id, PromptReviews.PromptKind, ctx.CancellationToken);
            });
        Field(x => x.AuthorStruck).Description("The author was struck on this case.");
        Field(x => x.AuthorSuspended).Description("The author was suspended on this case.");
        Field(x => x.AuthorBanned).Description("The author was banned on this case.");
        ModerationCaseView.AddFields(this);
        Messaging.ReportedMessageFields.Add(this);
    }
}

/// <summary>A case as the author of its item sees it: what was done and where their appeal stands, nothing about who reported.</summary>
public sealed class AuthorCaseType : ObjectGraphType<ModerationCase>
{
    public AuthorCaseType()
    {
        Name = "ModerationDecision";
        Description = "A moderator's decision on your content.";
        Field<NonNullGraphType<IdGraphType>>("caseId").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<ReportTargetType>>("target").Resolve(ctx => ctx.Source.Target);
        Field<NonNullGraphType<IdGraphType>>("targetId").Resolve(ctx => ctx.Source.TargetId);
        Field<NonNullGraphType<CaseStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(x => x.ActedAt, nullable: true);
        Field<NonNullGraphType<BooleanGraphType>>("mayAppeal").Resolve(ctx => ctx.Source.MayAppeal);
        Field<NonNullGraphType<BooleanGraphType>>("takedownRequested")
            .Description("A takedown request is behind this case: answer it with fileCounterNotice rather than appeal.").Resolve(ctx => ctx.Source.TakedownCount > 0);
        Field(x => x.CounterNoticeFiledAt, nullable: true);
        Field(x => x.AgeRestricted).Description("This case age-restricted your video.");
        Field(x => x.AuthorStruck).Description("This case struck your account (docs/moderation.md, the strike rule).");
        Field(x => x.AuthorSuspended).Description("This case suspended your account (by a moderator, or by the strike rule).");
        Field(x => x.AuthorBanned).Description("This case banned your account.");
        Field(x => x.AppealFiledAt, nullable: true);
        Field(x => x.AppealDecidedAt, nullable: true);
        Field(x => x.AppealUpheld, nullable: true);
    }
}

public sealed class AuthorCaseEdgeType() : EdgeType<AuthorCaseType, ModerationCase>("ModerationDecisionEdge");

public sealed class AuthorCaseConnectionType() : ConnectionType<AuthorCaseEdgeType, ModerationCase>("ModerationDecisionConnection");

public sealed class ModerationCaseEdgeType() : EdgeType<ModerationCaseType, ModerationCase>("ModerationCaseEdge");

public sealed class ModerationCaseConnectionType() : ConnectionType<ModerationCaseEdgeType, ModerationCase>("ModerationCaseConnection");

/// <summary>A report as its reporter sees it, with what became of it.</summary>
public sealed record ReportView(ReportRecord Report, CaseStatus Outcome);

public sealed class ReportType : ObjectGraphType<ReportView>
{
    public ReportType()
    {
        Name = "Report";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Report.Id);
        Field<NonNullGraphType<ReportTargetType>>("target").Resolve(ctx => ctx.Source.Report.Target);
        Field<NonNullGraphType<IdGraphType>>("targetId").Resolve(ctx => ctx.Source.Report.TargetId);
        Field<NonNullGraphType<ReportReasonType>>("reason").Resolve(ctx => ctx.Source.Report.Reason);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(ctx => ctx.Source.Report.At);
        Field<NonNullGraphType<CaseStatusType>>("outcome").Description("OPEN until a moderator acts; then REMOVED, ACTIONED (the author was acted on, the item stays), DISMISSED or RESTORED.")
            .Resolve(ctx => ctx.Source.Outcome);
    }
}

public sealed class ReportEdgeType() : EdgeType<ReportType, ReportView>("ReportEdge");

public sealed class ReportConnectionType() : ConnectionType<ReportEdgeType, ReportView>("ReportConnection");

public sealed class ModerationActionType : ObjectGraphType<ModerationActionRecord>
{
    public ModerationActionType()
    {
        Name = "ModerationAction";
        Description = "One moderator action, with who took it.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("caseId").Resolve(ctx => ctx.Source.CaseId);
        Field(x => x.Action).Description("REMOVE, RESTORE, DISMISS, APPEAL_UPHELD, APPEAL_OVERTURNED, or READ_REPORT_TEXTS (a moderator opened reporters' words).");
        Field<ReportTargetType>("target").Resolve(ctx => ctx.Source.Target);
        Field<IdGraphType>("targetId").Resolve(ctx => ctx.Source.TargetId);
        Field<NonNullGraphType<IdGraphType>>("moderatorId").Resolve(ctx => ctx.Source.ModeratorId);
        Field(x => x.At);
    }
}

public sealed class ModerationActionEdgeType() : EdgeType<ModerationActionType, ModerationActionRecord>("ModerationActionEdge");

public sealed class ModerationActionConnectionType() : ConnectionType<ModerationActionEdgeType, ModerationActionRecord>("ModerationActionConnection");

/// <summary>What a moderator action answers: the case as it now stands.</summary>
public sealed record CaseOutcome(ModerationCase? Case, IReadOnlyList<Domain.Common.Refusal> Errors);

public abstract class CasePayloadType : ObjectGraphType<CaseOutcome>
{
    protected CasePayloadType(string name)
    {
        Name = name;
        Field<ModerationCaseType>("case").Resolve(ctx => ctx.Source.Case);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed class RemoveContentPayloadType() : CasePayloadType("RemoveContentPayload");

public sealed class RestoreContentPayloadType() : CasePayloadType("RestoreContentPayload");

public sealed class DismissCasePayloadType() : CasePayloadType("DismissCasePayload");

public sealed class DecideAppealPayloadType() : CasePayloadType("DecideAppealPayload");
