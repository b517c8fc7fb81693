using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class ReportInputType : InputObjectGraphType
{
    public ReportInputType()
    {
        Name = "ReportInput";
        Field<NonNullGraphType<ReportTargetType>>("target");
        Field<NonNullGraphType<IdGraphType>>("targetId").Description("The video, comment, account or cameo use (one of your cameo's).");
        Field<NonNullGraphType<ReportReasonType>>("reason");
        Field<StringGraphType>("text").Description($"What happened, in at most {ModerationPolicy.MaxTextLength} characters. Optional; only moderators read it.");
    }
}

public sealed record ReportOutcome(ReportView? Report, IReadOnlyList<Refusal> Errors);

public sealed class ReportPayloadType : ObjectGraphType<ReportOutcome>
{
    public ReportPayloadType()
    {
        Name = "ReportPayload";
        Field<ReportType>("report").Resolve(ctx => ctx.Source.Report);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>report: anyone signed in reports what they can see. Reporting the same item again answers the first report.</summary>
public static class FileReportMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ReportPayloadType>>("report")
            .Description("Reports a video, comment, account or a use of your cameo. The person reported never learns who reported. " +
                         $"At most {ModerationPolicy.ReportsPerHour} an hour (RATE_LIMITED).")
            .Argument<NonNullGraphType<ReportInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var command = new FileReport(ctx.RequireActor(), (ReportTarget)input["target"]!,
                    ResolveContextExtensions.ParseId(input["targetId"]?.ToString(), "targetId"), (ReportReason)input["reason"]!,
                    input.GetValueOrDefault("text") as string);
                var result = await ctx.SendAsync<CommandResult>(command);
                var errors = Refusals.ToUserErrors(result.Refusal);
                if (result.Id is not { } id) return new ReportOutcome(null, errors);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var report = await session.LoadAsync<ReportRecord>(id, ctx.CancellationToken);
                var @case = report is null ? null : await session.LoadAsync<ModerationCase>(report.CaseId, ctx.CancellationToken);
                return new ReportOutcome(report is null ? null : new ReportView(report, @case?.Status ?? CaseStatus.Open), errors);
            });
}
