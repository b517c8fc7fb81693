using Sora.Domain.Feed;
using Marten;
using Sora.Projections.Social;

namespace Sora.Projections.Feed;

/// <summary>
/// The accounts a viewer's feeds and search leave out. The rule for one video is <see cref="VideoVisibility"/> (Domain,
/// from the Relationship snapshot); this list comes from the block edges. Both are folded inline from the same
/// Blocked and Unblocked events in the same transaction, so they never disagree.
/// </summary>
public static class FeedVisibility
{
    /// <summary>Every account that blocks the viewer or that the viewer blocks: their videos and comments are left out.</summary>
    public static async Task<HashSet<Guid>> BlockedAccountsAsync(IQuerySession session, Guid viewer, CancellationToken ct)
    {
        var edges = await session.Query<BlockEdge>().Where(x => x.BlockerId == viewer || x.BlockedId == viewer).ToListAsync(ct);
        return edges.Select(e => e.BlockerId == viewer ? e.BlockedId : e.BlockerId).ToHashSet();
    }
}
