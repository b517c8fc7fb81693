using Sora.Domain.Feed;
using Marten;
using Sora.Projections.Feed;
using Sora.Projections.Social;

namespace Sora.GraphQL.Feed;

/// <summary>
/// Whether a viewer may see a public video: its <see cref="FeedVideo"/> exists (the one visibility read model) and
/// neither side blocks the other: the one rule, <see cref="VideoVisibility"/>, in Domain. The lists of blocked accounts
/// that feeds and search leave out come from the block edges.
/// </summary>
public static class FeedVisibility
{
    public static Task<FeedVideo?> VisibleToAsync(IQuerySession session, Guid videoId, Guid? viewer, CancellationToken ct) =>
        VideoVisibility.VisibleToAsync(session, videoId, viewer, ct);

    /// <summary>Every account that blocks the viewer or that the viewer blocks: their videos and comments are left out.</summary>
    public static async Task<HashSet<Guid>> BlockedAccountsAsync(IQuerySession session, Guid viewer, CancellationToken ct)
    {
        var edges = await session.Query<BlockEdge>().Where(x => x.BlockerId == viewer || x.BlockedId == viewer).ToListAsync(ct);
        return edges.Select(e => e.BlockerId == viewer ? e.BlockedId : e.BlockerId).ToHashSet();
    }
}
