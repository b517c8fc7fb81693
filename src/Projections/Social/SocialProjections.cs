using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Projections.Social;

public sealed class SocialProjections : IStoreFeature
{
    public void Configure(StoreOptions opts)
    {
        // Inline: follower lists and "who blocks whom" for feeds and search are never stale.
        opts.Projections.Add<SocialGraphProjection>(ProjectionLifecycle.Inline);
        // Async: counters no decision depends on.
        opts.Projections.Add<AccountStatsProjection>(ProjectionLifecycle.Async);
        opts.Schema.For<FollowEdge>().Duplicate(x => x.FolloweeId).Duplicate(x => x.FollowerId).Duplicate(x => x.Seq);
        opts.Schema.For<BlockEdge>().Duplicate(x => x.BlockerId).Duplicate(x => x.BlockedId).Duplicate(x => x.Seq);
    }
}
