using JasperFx.Events;
using Marten.Events.Projections;
using Sora.Domain.Social;

namespace Sora.Projections.Social;

/// <summary>
/// Async: counts are not needed for any decision, so they are kept off the write path. Each follow event
/// touches two documents: the follower's "following" and the followee's "followers". The explicit Evolve
/// receives the document id, which is how one event updates the right side of each of its two documents.
/// </summary>
public partial class AccountStatsProjection : MultiStreamProjection<AccountStats, Guid>
{
    public AccountStatsProjection()
    {
        Identities<Followed>(e => [e.FollowerId, e.FolloweeId]);
        Identities<Unfollowed>(e => [e.FollowerId, e.FolloweeId]);
    }

    public override AccountStats Evolve(AccountStats? snapshot, Guid id, IEvent e)
    {
        var stats = snapshot ?? new AccountStats { Id = id };
        switch (e.Data)
        {
            case Followed f when f.FolloweeId == id:
                stats.Followers++;
                break;
            case Followed:
                stats.Following++;
                break;
            case Unfollowed u when u.FolloweeId == id:
                stats.Followers = Math.Max(0, stats.Followers - 1);
                break;
            case Unfollowed:
                stats.Following = Math.Max(0, stats.Following - 1);
                break;
        }
        return stats;
    }
}
