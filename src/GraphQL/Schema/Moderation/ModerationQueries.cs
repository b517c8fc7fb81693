using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Moderation;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class ModerationQueueFilterType : InputObjectGraphType
{
    public ModerationQueueFilterType()
    {
        Name = "ModerationQueueFilter";
        Field<BooleanGraphType>("overdueOnly").Description("Only cases past their deadline.");
        Field<ReportTargetType>("target");
        Field<BooleanGraphType>("appealsOnly").Description("Appealed removals waiting for a second moderator, instead of open cases.");
    }
}

/// <summary>moderationQueue (moderators), myReports (the reporter), moderationLog (auditors and admins).</summary>
public static class ModerationQueries
{
    public static void Add(ObjectGraphType query)
    {
        var queue = query.Field<NonNullGraphType<ModerationCaseConnectionType>>("moderationQueue")
            .Description("Open cases, most urgent first: likeness without consent, minors and sexual content, then by report count, then reach. Moderators and admins.")
            .Argument<ModerationQueueFilterType>("filter");
        queue.AddPagingArguments();
        queue.ResolveAsync(async ctx =>
        {
            var moderator = ctx.RequireActor();
            if (!ModerationPolicy.MayModerate(moderator)) throw SoraError.Forbidden("Only moderators see the queue.");
            var filter = ctx.GetArgument<Dictionary<string, object?>?>("filter");
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var skip = Paging.Decode(ctx.GetArgument<string?>("after")) ?? 0;
            if (skip is < 0 or > 100_000) throw SoraError.BadInput("'after' is not a cursor this API issued.");
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var cases = await ModerationQueue.PageAsync(session,
                new QueueFilter(filter?.GetValueOrDefault("overdueOnly") as bool? ?? false, filter?.GetValueOrDefault("target") as ReportTarget?,
                    filter?.GetValueOrDefault("appealsOnly") as bool? ?? false),
                (int)skip, first + 1, ctx.Service<TimeProvider>().GetUtcNow(), moderator.AccountId, ctx.CancellationToken);
            return Connection<ModerationCase>.From(cases.Select((c, i) => (Case: c, Position: skip + i + 1)).ToList(), first, skip > 0,
                r => r.Position, r => r.Case, r => r.Case.OpenedAt);
        });

        var mine = query.Field<NonNullGraphType<ReportConnectionType>>("myReports").Description("Your reports, newest first, with what became of each.");
        mine.AddPagingArguments();
        mine.ResolveAsync(async ctx =>
        {
            var actor = ctx.RequireActor();
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var before = Paging.Decode(ctx.GetArgument<string?>("after")) ?? long.MaxValue;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var reports = await session.Query<ReportRecord>().Where(r => r.ReporterId == actor.AccountId && r.Seq < before)
                .OrderByDescending(r => r.Seq).Take(first + 1).ToListAsync(ctx.CancellationToken);
            var cases = (await session.LoadManyAsync<ModerationCase>(ctx.CancellationToken, reports.Select(r => r.CaseId).Distinct())).ToDictionary(c => c.Id);
            return Connection<ReportView>.From(reports, first, before != long.MaxValue, r => r.Seq,
                r => new ReportView(r, cases.TryGetValue(r.CaseId, out var c) ? c.Status : CaseStatus.Open), r => r.At);
        });

        var removals = query.Field<NonNullGraphType<AuthorCaseConnectionType>>("myModerationCases")
            .Description("Moderator actions on your content and account, newest first: what was removed, strikes, suspensions and bans, and where your appeal stands.");
        removals.AddPagingArguments();
        removals.ResolveAsync(async ctx =>
        {
            var actor = ctx.RequireActor();
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var cases = await session.Query<ModerationCase>()
                .Where(c => c.AuthorId == actor.AccountId && (c.Status == CaseStatus.Removed || c.Status == CaseStatus.Restored || c.Status == CaseStatus.Actioned
                            || c.Target == ReportTarget.Prompt))
                .OrderByDescending(c => c.UpdatedAt).Take(500).ToListAsync(ctx.CancellationToken);
            return Paging.InMemory(cases, ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), c => c.ActedAt);
        });

        var log = query.Field<NonNullGraphType<ModerationActionConnectionType>>("moderationLog")
            .Description("Every moderator action with its moderator, newest first. Auditors and admins.");
        log.AddPagingArguments();
        log.ResolveAsync(async ctx =>
        {
            var actor = ctx.RequireActor();
            if (!actor.IsAdmin && !actor.Has(AccountRole.Auditor)) throw SoraError.Forbidden("Only auditors and admins read the moderation log.");
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var before = Paging.Decode(ctx.GetArgument<string?>("after")) ?? long.MaxValue;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var actions = await session.Query<ModerationActionRecord>().Where(a => a.Seq < before)
                .OrderByDescending(a => a.Seq).Take(first + 1).ToListAsync(ctx.CancellationToken);
            return Connection<ModerationActionRecord>.From(actions, first, before != long.MaxValue, a => a.Seq, a => a, a => a.At);
        });
    }
}
