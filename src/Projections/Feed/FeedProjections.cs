using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Projections.Feed;

public sealed class FeedProjections : IStoreFeature
{
    public void Configure(StoreOptions opts)
    {
        // Inline: the viewer's learned taste shapes the very next page.
        opts.Projections.Add(new ViewerProfileProjection(), ProjectionLifecycle.Inline, "ViewerProfile");
        // Numeric revisions, as Marten gives projected aggregates: the table keeps the shape it had when this was a
        // multi-stream aggregation, so existing databases need no migration.
        opts.Schema.For<ViewerProfile>().UseNumericRevisions(true);
        // How far each profile has folded its activity stream and its seen rows' trim count, readable without the
        // document: a view batch reads them to decide whether it must fold (ViewerTail).
        opts.Schema.For<ViewerProfile>().Duplicate(p => p.ActivityVersion).Duplicate(p => p.SeenSinceTrim);
        opts.Storage.ExtendedSchemaObjects.Add(SeenVideos.Table(opts.DatabaseSchemaName));

        // Async: engagement counters and trending, which no decision depends on. Both see every view, spread over
        // every video, so they are tuned for volume (./sora bench feed --rebuild-only):
        //  - pages of 5,000 events instead of 500: a tenth of the round trips per event;
        //  - the hottest counters stay cached between pages instead of being loaded again.
        // (Measured: a VideoStats rebuild of 10M views went from 8,696 to 10,532 events/s. Marten's deferred rebuild
        // flush, RebuildFlushThreshold, made no difference for this multi-stream projection and is left off.)
        opts.Projections.Add<VideoStatsProjection>(ProjectionLifecycle.Async, ForVolume);
        opts.Projections.Add<TrendingProjection>(ProjectionLifecycle.Async, ForVolume);
        opts.Schema.For<TrendingEntry>().Duplicate(t => t.Region).Duplicate(t => t.LogScore);
        // One region's top list is a backward scan of (region, log_score). Found by ./sora bench feed: setting Columns on
        // a single-member index is silently ignored, which left an index on region alone and a 70 ms trending query.
        opts.Schema.For<TrendingEntry>().Index([t => t.Region, t => t.LogScore], i => i.Name = "idx_trending_region_score");
        // The ranker needs only this number of each of several hundred candidates: read as a column, not as documents.
        opts.Schema.For<VideoStats>().Duplicate(s => s.Engagement);
    }

    private static void ForVolume(AsyncOptions async)
    {
        async.BatchSize = 5_000;
        async.CacheLimitPerTenant = 20_000;
    }
}
