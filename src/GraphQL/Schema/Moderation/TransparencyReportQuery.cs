using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Moderation;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class ReasonCountType : ObjectGraphType<KindCount>
{
    public ReasonCountType()
    {
        Name = "ReportReasonCount";
        Field<NonNullGraphType<ReportReasonType>>("reason").Resolve(ctx => Enum.Parse<ReportReason>(ctx.Source.Kind));
        Field(x => x.Count);
    }
}

public sealed class KindCountType : ObjectGraphType<KindCount>
{
    public KindCountType()
    {
        Name = "KindCount";
        Field(x => x.Kind).Description("An action (as the moderation log names it), or a takedown's outcome: its first action, or PENDING.");
        Field(x => x.Count);
    }
}

public sealed class TimeToActionType : ObjectGraphType<TimeToAction>
{
    public TimeToActionType()
    {
        Name = "TimeToAction";
        Description = "From a case's first report (since its previous action) to the action that answered it. Nearest-rank percentiles; null without actions.";
        Field(x => x.Count).Description("Actions that answered reports in the window.");
        Field(x => x.MedianSeconds, nullable: true);
        Field<FloatGraphType>("p95Seconds").Resolve(ctx => ctx.Source.P95Seconds);
    }
}

public sealed class AppealFiguresType : ObjectGraphType<AppealFigures>
{
    public AppealFiguresType()
    {
        Name = "AppealFigures";
        Field(x => x.Filed).Description("Appeals filed in the window.");
        Field(x => x.Upheld).Description("Appeals decided in the window that kept the removal.");
        Field(x => x.Overturned).Description("Appeals decided in the window that restored the content.");
        Field(x => x.MedianSecondsToDecide, nullable: true).Description("Of the appeals decided in the window: filing to decision.");
    }
}

public sealed class TakedownFiguresType : ObjectGraphType<TakedownFigures>
{
    public TakedownFiguresType()
    {
        Name = "TakedownFigures";
        Field(x => x.Filed).Description("Takedown requests received in the window.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KindCountType>>>>("byOutcome")
            .Description("Each request by the first action on its case after it (REMOVE, DISMISS, …), or PENDING.").Resolve(ctx => ctx.Source.ByOutcome);
    }
}

public sealed class TransparencyReportType : ObjectGraphType<TransparencyFigures>
{
    public TransparencyReportType()
    {
        Name = "TransparencyReport";
        Description = "Aggregate moderation figures for a window [from, to). Counts only: nothing in it identifies a reporter, an author or a moderator.";
        Field(x => x.From);
        Field(x => x.To);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReasonCountType>>>>("reportsByReason")
            .Description("Reports filed by account holders, per reason (takedown requests are counted apart).").Resolve(ctx => ctx.Source.ReportsByReason);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KindCountType>>>>("actionsByKind").Resolve(ctx => ctx.Source.ActionsByKind);
        Field<NonNullGraphType<TimeToActionType>>("timeToAction").Resolve(ctx => ctx.Source.TimeToAction);
        Field<NonNullGraphType<AppealFiguresType>>("appeals").Resolve(ctx => ctx.Source.Appeals);
        Field<NonNullGraphType<TakedownFiguresType>>("takedownRequests").Resolve(ctx => ctx.Source.Takedowns);
    }
}

/// <summary>transparencyReport(from, to): public, like the reports platforms publish; aggregate counts only.</summary>
public static class TransparencyReportQuery
{
    public static void Add(ObjectGraphType query) =>
        query.Field<NonNullGraphType<TransparencyReportType>>("transparencyReport")
            .Description("Moderation figures for [from, to), at most 366 days. Public: aggregate counts only.")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("from")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("to")
            .ResolveAsync(async ctx =>
            {
                var from = ctx.GetArgument<DateTimeOffset>("from");
                var to = ctx.GetArgument<DateTimeOffset>("to");
                if (TransparencyReport.Check(from, to) is { } refusal) throw new SoraError(refusal.Code, refusal.Message);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await TransparencyReport.ComputeAsync(session, from, to, ctx.CancellationToken);
            });
}
