using Marten;
using Sora.Projections.Feed;
using Sora.Projections.Social;

namespace Sora.GraphQL.Feed;

/// <summary>
/// Whether a viewer may see a public video: its <see cref="FeedVideo"/> exists (the one visibility read model) and
/// neither side blocks the other. Every feed, comment list, reaction and the video query ask here.
/// </summary>
public static class FeedVisibility
{
    public static async Task<FeedVideo?> VisibleToAsync(IQuerySession session, Guid videoId, Guid? viewer, CancellationToken ct)
    {
        var video = await session.LoadAsync<FeedVideo>(videoId, ct);
        if (video is null) return null;
        if (viewer is { } who && who != video.AuthorId && await SocialQueries.BlockedEitherWayAsync(session, who, video.AuthorId, ct)) return null;
        return video;
    }

    /// <summary>Every account that blocks the viewer or that the viewer blocks: their videos and comments are left out.</summary>
    public static async Task<HashSet<Guid>> BlockedAccountsAsync(IQuerySession session, Guid viewer, CancellationToken ct)
    {
        var edges = await session.Query<BlockEdge>().Where(x => x.BlockerId == viewer || x.BlockedId == viewer).ToListAsync(ct);
        return edges.Select(e => e.BlockerId == viewer ? e.BlockedId : e.BlockerId).ToHashSet();
    }
}
