using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sora.Domain.Social;

namespace Sora.Projections.Social;

/// <summary>
/// Inline: the follow and block edges are written in the same transaction as the events, so "is X blocked
/// by Y" is never stale when a query or a later command asks it.
/// </summary>
public partial class SocialGraphProjection : EventProjection
{
    public void Project(IEvent<Followed> e, IDocumentOperations ops) =>
        ops.Store(new FollowEdge
        {
            Id = FollowEdge.IdFor(e.Data.FollowerId, e.Data.FolloweeId),
            FollowerId = e.Data.FollowerId,
            FolloweeId = e.Data.FolloweeId,
            Since = e.Data.At,
            Seq = e.Sequence,
        });

    public void Project(Unfollowed e, IDocumentOperations ops) =>
        ops.Delete<FollowEdge>(FollowEdge.IdFor(e.FollowerId, e.FolloweeId));

    public void Project(IEvent<Blocked> e, IDocumentOperations ops) =>
        ops.Store(new BlockEdge
        {
            Id = BlockEdge.IdFor(e.Data.BlockerId, e.Data.BlockedId),
            BlockerId = e.Data.BlockerId,
            BlockedId = e.Data.BlockedId,
            Since = e.Data.At,
            Seq = e.Sequence,
        });

    public void Project(Unblocked e, IDocumentOperations ops) =>
        ops.Delete<BlockEdge>(BlockEdge.IdFor(e.BlockerId, e.BlockedId));
}
