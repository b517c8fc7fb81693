using Sora.Projections.Feed;
using Sora.Domain.Generations;
using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.GraphQL.Schema.Feed;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Generations;

namespace Sora.GraphQL.Schema.Feed;

/// <summary>searchVideos: full-text search over what the public may see (<see cref="VideoSearch"/>).</summary>
public static class SearchQueries
{
    public const int MaxFirst = 50;

    public static void Add(ObjectGraphType query) =>
        query.Field<NonNullGraphType<VideoConnectionType>>("searchVideos")
            .Description("Videos the public may see whose prompt matches, newest first. Words, \"quoted phrases\", or, and -excluded words " +
                         "(English stemming: 'kittens' finds 'kitten'). Open to everyone; signed in, videos of accounts in a block with you are left out. " +
                         "A teen's videos appear only to teens and to adults the teen follows (docs/parental.md).")
            .Argument<NonNullGraphType<StringGraphType>>("query", $"What to look for, 1 to {VideoSearch.MaxQueryLength} characters.")
            .Argument<IntGraphType>("first", $"How many items, at most {MaxFirst} (default 20).")
            .Argument<StringGraphType>("after", "The endCursor of the previous page (same query).")
            .ResolveAsync(async ctx =>
            {
                var text = ctx.GetArgument<string>("query");
                if (VideoSearch.Check(text) is { } problem) throw SoraError.BadInput(problem);
                var first = ctx.GetArgument<int?>("first") ?? Paging.DefaultFirst;
                if (first is < 1 or > MaxFirst) throw SoraError.BadInput($"'first' must be between 1 and {MaxFirst}.");
                var after = DecodeCursor(ctx.GetArgument<string?>("after"));

                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var rows = await VideoSearch.FindAsync(session, ctx.Service<Sora.Domain.Privacy.PersonalDataVault>(), text, ctx.Viewer().AccountId, first + 1, after,
                    Parental.FamilyQueries.Today(ctx), ctx.CancellationToken);
                var page = rows.Take(first).ToList();
                // The API's Video is the generation; every result has one (a published video is a generation).
                var generations = await VideoQueries.LoadAsync(session, page.Select(v => v.Id), ctx.CancellationToken);
                var edges = page.Where(v => generations.ContainsKey(v.Id))
                    .Select(v => new Edge<Generation>(EncodeCursor(new SearchPosition(v.PublishedAt, v.Id)), generations[v.Id], v.PublishedAt))
                    .ToList();
                return new Connection<Generation>(edges,
                    new PageInfo(rows.Count > first, after is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
            });

    // The position in the results, opaque to clients: publication time (UTC ticks) and video id.
    private static string EncodeCursor(SearchPosition position) =>
        Paging.EncodeToken("search", $"{position.PublishedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{position.VideoId:N}");

    private static SearchPosition? DecodeCursor(string? cursor)
    {
        if (Paging.DecodeToken(cursor, "search") is not { } text) return null;
        var parts = text.Split(':');
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks is >= 0 and <= 3155378975999999999 && Guid.TryParseExact(parts[1], "N", out var id))
            return new SearchPosition(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        throw SoraError.BadInput("'after' is not a cursor this API issued.");
    }
}

public sealed class VideoEdgeType : ObjectGraphType<Edge<Generation>>
{
    public VideoEdgeType()
    {
        Name = "VideoEdge";
        Field(x => x.Cursor);
        Field<NonNullGraphType<VideoType>>("node").Resolve(ctx => ctx.Source.Node);
    }
}

public sealed class VideoConnectionType : ObjectGraphType<Connection<Generation>>
{
    public VideoConnectionType()
    {
        Name = "VideoConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VideoEdgeType>>>>("edges").Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
    }
}
