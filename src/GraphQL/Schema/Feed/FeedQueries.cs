using Sora.Domain.Generations;
using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Feed;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Generations;
using Sora.Projections.Feed;

namespace Sora.GraphQL.Schema.Feed;

/// <summary>A feed cursor names the feed session, so the next page can skip what the session already served.</summary>
public static class FeedCursor
{
    public static string Encode(Guid session) => Paging.EncodeToken("feed", session.ToString("N"));

    public static Guid? Decode(string? cursor) => Paging.DecodeToken(cursor, "feed") is { } text
        ? Guid.TryParseExact(text, "N", out var session) ? session : throw SoraError.BadInput("'after' is not a cursor this API issued.")
        : null;
}

public static class FeedQueries
{
    /// <summary>The caller's region, from the connection (and trusted proxies' X-Forwarded-For). Never stored.</summary>
    public static string? Region(IResolveFieldContext ctx) =>
        ctx.Service<ClientRegion>().RegionOf(ctx.Service<IHttpContextAccessor>().HttpContext);

    public static void Add(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<FeedConnectionType>>("feed")
            .Description("Your feed. Each item says why it is there. Watched, hidden and already-served videos are left out on the server. " +
                         "When the feed ends (nothing unseen left, or your daily cap), endReason says which.")
            .Argument<FeedKindType>("kind", a => a.DefaultValue = FeedKind.ForYou)
            .Argument<IntGraphType>("first", "How many items, at most 50 (default 10).")
            .Argument<StringGraphType>("after", "The endCursor of the previous page (same feed session).")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var first = ctx.GetArgument<int?>("first") ?? 10;
                if (first is < 1 or > 50) throw SoraError.BadInput("'first' must be between 1 and 50.");
                var page = await ctx.Service<FeedService>().PageAsync(actor.AccountId, ctx.GetArgument("kind", FeedKind.ForYou), first,
                    FeedCursor.Decode(ctx.GetArgument<string?>("after")), Region(ctx), ctx.CancellationToken);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var generations = await VideoQueries.LoadAsync(session, page.Items.Select(i => i.VideoId), ctx.CancellationToken);
                var items = page.Items.Where(i => generations.ContainsKey(i.VideoId)).Select(i => new FeedEntry(generations[i.VideoId], i.Ranking)).ToList();
                return new FeedResult(items, page);
            });

        query.Field<NonNullGraphType<FeedSettingsType>>("myFeedSettings").Description("Your feed controls.")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await session.LoadAsync<FeedSettings>(FeedSettings.StreamFor(actor.AccountId), ctx.CancellationToken)
                       ?? new FeedSettings { Id = FeedSettings.StreamFor(actor.AccountId), AccountId = actor.AccountId };
            });
    }

    /// <summary>Feed fields on Video: stats, comments, and the viewer's own reactions.</summary>
    public static void AddVideoFields(ObjectGraphType<Generation> video)
    {
        video.Field<NonNullGraphType<VideoStatsType>>("stats")
            .ResolveAsync(async ctx =>
            {
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await session.LoadAsync<VideoStats>(ctx.Source.Id, ctx.CancellationToken) ?? new VideoStats { Id = ctx.Source.Id };
            });
        video.Field<NonNullGraphType<BooleanGraphType>>("viewerHasLiked")
            .ResolveAsync(async ctx =>
            {
                if (ctx.Viewer().AccountId is not { } viewer) return false;
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return (await session.LoadAsync<VideoReaction>(VideoReaction.IdFor(viewer, ctx.Source.Id), ctx.CancellationToken))?.Liked ?? false;
            });
        video.Field<NonNullGraphType<CommentConnectionType>>("comments")
            .Description("Comments, oldest first. Only on videos the public may see; comments by accounts in a block with you are left out.")
            .Argument<IntGraphType>("first", "How many items, at most 100 (default 20).")
            .Argument<StringGraphType>("after", "The endCursor of the previous page.")
            .ResolveAsync(async ctx =>
            {
                var first = Paging.First(ctx.GetArgument<int?>("first"));
                var after = Paging.Decode(ctx.GetArgument<string?>("after")) ?? 0;
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                if (await session.LoadAsync<FeedVideo>(ctx.Source.Id, ctx.CancellationToken) is null)
                    return new Connection<Comment>([], new PageInfo(false, false, null, null));
                var blocked = ctx.Viewer().AccountId is { } viewer
                    ? (await FeedVisibility.BlockedAccountsAsync(session, viewer, ctx.CancellationToken)).ToArray()
                    : [];
                var rows = await session.Query<Comment>()
                    .Where(c => c.VideoId == ctx.Source.Id && !c.Deleted && c.Seq > after && !c.AuthorId.IsOneOf(blocked))
                    .OrderBy(c => c.Seq).Take(first + 1).ToListAsync(ctx.CancellationToken);
                return Connection<Comment>.From(rows, first, after > 0, c => c.Seq, c => c, c => c.PostedAt);
            });
    }
}
