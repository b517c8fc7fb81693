using Marten;
using Sora.Domain.Privacy;

namespace Sora.Domain.Social;

/// <summary>
/// A deleted account's follows and blocks end, both ways. The pair streams do not say who is in them, so the other
/// accounts come from the account's own follow and block events.
/// </summary>
public sealed class RelationshipsEraser : IAccountEraser
{
    public async Task EraseAsync(AccountErasure erasure, CancellationToken ct)
    {
        var session = erasure.Session;
        var me = erasure.AccountId;
        var follows = await session.Events.QueryRawEventDataOnly<Followed>().Where(f => f.FollowerId == me || f.FolloweeId == me).ToListAsync(ct);
        var blocks = await session.Events.QueryRawEventDataOnly<Blocked>().Where(b => b.BlockerId == me || b.BlockedId == me).ToListAsync(ct);
        var others = follows.Select(f => f.FollowerId == me ? f.FolloweeId : f.FollowerId)
            .Concat(blocks.Select(b => b.BlockerId == me ? b.BlockedId : b.BlockerId)).Distinct();
        foreach (var other in others)
        {
            var stream = await session.Events.FetchForWriting<Relationship>(Relationship.IdFor(me, other), ct);
            if (stream.Aggregate is not { } pair) continue;
            var ended = new List<object>();
            foreach (var follower in pair.Followers) ended.Add(new Unfollowed(follower, follower == me ? other : me, erasure.Now));
            foreach (var blocker in pair.Blockers) ended.Add(new Unblocked(blocker, blocker == me ? other : me, erasure.Now));
            if (ended.Count > 0) stream.AppendMany(ended);
        }
    }
}
