using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.Domain.Generations;
using Sora.Domain.Moderation;
using Sora.Domain.Privacy;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Cameos;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Generations;

namespace Sora.GraphQL.Schema.Moderation;

/// <summary>
/// One page of a case's reports. The reporters' words are opened for the whole page at once, by one audited command,
/// and only if some field on the page asks for them.
/// </summary>
public sealed class ReportPage(Guid caseId, IReadOnlyList<Guid> reportIds, IReadOnlyList<Guid> takedownIds)
{
    private Task<IReadOnlyDictionary<Guid, string>>? _texts;
    private readonly Lock _gate = new();

    public Task<IReadOnlyDictionary<Guid, string>> TextsAsync(IResolveFieldContext ctx)
    {
        lock (_gate) return _texts ??= OpenAsync(ctx);
    }

    private async Task<IReadOnlyDictionary<Guid, string>> OpenAsync(IResolveFieldContext ctx)
    {
        var result = await ctx.SendAsync<ReportTextsResult>(new ReadReportTexts(ctx.RequireActor(), caseId, reportIds, takedownIds));
        if (result.Refusal is { } refusal) throw new SoraError(refusal.Code, refusal.Message);
        return result.Texts;
    }
}

/// <summary>A report as moderators see it: never who filed it, only a reference that is stable within this case.</summary>
public sealed record CaseReport(Guid Id, string Ref, ReportReason Reason, DateTimeOffset At, bool FromTakedown, long Seq, ReportPage Page);

public sealed class CaseReportType : ObjectGraphType<CaseReport>
{
    public CaseReportType()
    {
        Name = "CaseReport";
        Description = "One report on a case. Who filed it is never shown: `reporterRef` only tells reports by the same reporter apart within this case.";
        Field<NonNullGraphType<StringGraphType>>("reporterRef").Resolve(ctx => ctx.Source.Ref).Description("Opaque, and different on every case: it cannot be linked to an account or across cases.");
        Field<NonNullGraphType<ReportReasonType>>("reason").Resolve(ctx => ctx.Source.Reason);
        Field(x => x.At);
        Field(x => x.FromTakedown).Description("A takedown request (POST /takedown or requestTakedown), possibly from someone without an account.");
        Field<StringGraphType>("text")
            .Description("The reporter's own words (a takedown's statement, never its name or email). Reading them is recorded in the moderation log.")
            .ResolveAsync(async ctx => (await ctx.Source.Page.TextsAsync(ctx)).GetValueOrDefault(ctx.Source.Id));
    }
}

public sealed class CaseReportEdgeType() : EdgeType<CaseReportType, CaseReport>("CaseReportEdge");

public sealed class CaseReportConnectionType() : ConnectionType<CaseReportEdgeType, CaseReport>("CaseReportConnection");

/// <summary>A reported comment as moderators see it, deleted or not.</summary>
public sealed class ModeratedCommentType : ObjectGraphType<Comment>
{
    public ModeratedCommentType()
    {
        Name = "ModeratedComment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(x => x.Text);
        Field<NonNullGraphType<IdGraphType>>("videoId").Resolve(ctx => ctx.Source.VideoId);
        Field<AccountType>("author").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.AuthorId));
        Field(x => x.PostedAt);
        Field(x => x.Deleted);
    }
}

/// <summary>moderationCase(id), and the fields a case shows moderators: the item, its reports, the author's history,
/// the video's consent receipts (and, through <c>video</c>, its provenance).</summary>
public static class ModerationCaseView
{
    private const int HistoryCap = 500;

    public static void AddQuery(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ModerationCaseType>>("moderationCase")
            .Description("One case with everything a decision needs. Moderators and admins, never on a case about their own content.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var actor = Moderator(ctx);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var @case = await session.LoadAsync<ModerationCase>(ctx.IdArgument("id"), ctx.CancellationToken) ?? throw SoraError.NotFound("The case");
                if (@case.AuthorId == actor.AccountId) throw SoraError.Forbidden("Another moderator handles cases on your own content.");
                return @case;
            });

    /// <summary>Cases reach only moderators (queue, case view, subscription, action payloads); these fields hold that anyway.</summary>
    private static Actor Moderator(IResolveFieldContext ctx)
    {
        var actor = ctx.RequireActor();
        return ModerationPolicy.MayModerate(actor) ? actor : throw SoraError.Forbidden("Only moderators see cases.");
    }

    public static void AddFields(ModerationCaseType type)
    {
        type.Field<AccountType>("author").Description("The account the item belongs to.")
            .Resolve(ctx => ctx.Source.AuthorId is { } id ? ctx.Sora().Loaders.Accounts.Load(id) : null);
        type.Field<VideoType>("video").Description("VIDEO cases: the video, removed or not, with its prompt, media link, status and provenance.")
            .ResolveAsync(async ctx => await LoadAsync<Generation>(ctx, ReportTarget.Video));
        type.Field<ModeratedCommentType>("comment").Description("COMMENT cases: the comment, with its text.")
            .ResolveAsync(async ctx => await LoadAsync<Comment>(ctx, ReportTarget.Comment));
        type.Field<AccountType>("account").Description("ACCOUNT cases: the reported account.")
            .Resolve(ctx => Moderator(ctx) is not null && ctx.Source.Target == ReportTarget.Account ? ctx.Sora().Loaders.Accounts.Load(ctx.Source.TargetId) : null);
        type.Field<CameoUsageType>("cameoUse").Description("CAMEO_USE cases: the use, with the right that allowed it and its receipt.")
            .ResolveAsync(async ctx => await LoadAsync<CameoUsage>(ctx, ReportTarget.CameoUse));
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CameoUsageType>>>>("consentReceipts")
            .Description("VIDEO cases: every likeness use in the video, with the right that allowed it and its receipt hash (empty otherwise).")
            .ResolveAsync(async ctx =>
            {
                if (await LoadAsync<Generation>(ctx, ReportTarget.Video) is not { } video || video.Cameos.Length == 0) return Array.Empty<CameoUsage>();
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var uses = (await session.LoadManyAsync<CameoUsage>(ctx.CancellationToken, video.Cameos.Select(c => c.UseId).ToArray())).ToDictionary(u => u.Id);
                return video.Cameos.Where(c => uses.ContainsKey(c.UseId)).Select(c => uses[c.UseId]).ToArray();
            });

        var reports = type.Field<NonNullGraphType<CaseReportConnectionType>>("reports")
            .Description("Every report and takedown request on the case, newest first.");
        reports.AddPagingArguments();
        reports.ResolveAsync(async ctx =>
        {
            Moderator(ctx);
            var caseId = ctx.Source.Id;
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var before = Paging.Decode(ctx.GetArgument<string?>("after")) ?? long.MaxValue;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var filed = await session.Query<ReportRecord>().Where(r => r.CaseId == caseId && r.Seq < before)
                .OrderByDescending(r => r.Seq).Take(first + 1).ToListAsync(ctx.CancellationToken);
            var requested = await session.Query<TakedownIntakeRecord>().Where(t => t.CaseId == caseId && t.Seq < before)
                .OrderByDescending(t => t.Seq).Take(first + 1).ToListAsync(ctx.CancellationToken);
            var rows = filed.Select(r => (r.Id, Reporter: r.ReporterId, r.Reason, r.At, FromTakedown: false, r.Seq))
                .Concat(requested.Select(t => (t.Id, Reporter: t.Id, t.Reason, t.At, FromTakedown: true, t.Seq)))
                .OrderByDescending(r => r.Seq).Take(first + 1).ToList();
            var page = new ReportPage(caseId, rows.Take(first).Where(r => !r.FromTakedown).Select(r => r.Id).ToArray(),
                rows.Take(first).Where(r => r.FromTakedown).Select(r => r.Id).ToArray());
            var vault = ctx.Service<PersonalDataVault>();
            return Connection<CaseReport>.From(rows, first, before != long.MaxValue, r => r.Seq,
                r => new CaseReport(r.Id, vault.LookupHash("moderation-reporter|" + caseId.ToString("N"), r.Reporter.ToString("N"))[..16], r.Reason, r.At,
                    r.FromTakedown, r.Seq, page), r => r.At);
        });

        var history = type.Field<NonNullGraphType<ModerationCaseConnectionType>>("authorHistory")
            .Description($"Other cases about the same author (their content or their account), most recently changed first: what was reported and what was done. The newest {HistoryCap}.");
        history.AddPagingArguments();
        history.ResolveAsync(async ctx =>
        {
            Moderator(ctx);
            if (ctx.Source.AuthorId is not { } author) return Paging.InMemory(Array.Empty<ModerationCase>(), ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"));
            var self = ctx.Source.Id;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var cases = await session.Query<ModerationCase>().Where(c => c.AuthorId == author && c.Id != self)
                .OrderByDescending(c => c.UpdatedAt).Take(HistoryCap).ToListAsync(ctx.CancellationToken);
            return Paging.InMemory(cases, ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), c => c.UpdatedAt);
        });
    }

    private static async Task<T?> LoadAsync<T>(IResolveFieldContext<ModerationCase> ctx, ReportTarget target) where T : class
    {
        Moderator(ctx);
        if (ctx.Source.Target != target) return null;
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        return await session.LoadAsync<T>(ctx.Source.TargetId, ctx.CancellationToken);
    }
}
