using Sora.Domain.Generations;
using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Social;
using Sora.Domain.Feed;
using Sora.Domain.Text;
using Sora.Projections.Feed;
using Weasel.Postgresql.Tables;
using Sora.Projections.Notifications;
using Sora.Projections.Social;

namespace Sora.Projections;

/// <summary>Every projection and read-model index, in one place so the host and the tools agree.</summary>
public static class SoraProjections
{
    public static void Register(StoreOptions opts, IPromptEmbedder? embedder = null)
    {
        embedder ??= new LexicalPromptEmbedder();
        // Inline: anything a command or an authorization check must read in the same transaction.
        opts.Projections.Snapshot<Account>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Relationship>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Cameo>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<LikenessDispute>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Generation>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Domain.Credits.CreditLedger>(SnapshotLifecycle.Inline);
        opts.Projections.Add<SocialGraphProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<CameoUsageProjection>(ProjectionLifecycle.Inline);
        // Feed: visibility, reactions, comments, settings and the viewer's learned taste are read by the very next
        // request (a like changes the next page; a revoke empties it), so they are inline.
        opts.Projections.Add(new FeedVideoProjection(embedder), ProjectionLifecycle.Inline);
        opts.Projections.Snapshot<VideoReaction>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Comment>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<FeedSettings>(SnapshotLifecycle.Inline);
        opts.Projections.Add(new ViewerProfileProjection(), ProjectionLifecycle.Inline, "ViewerProfile");
        // Numeric revisions, as Marten gives projected aggregates: the table keeps the shape it had when this was a
        // multi-stream aggregation, so existing databases need no migration.
        opts.Schema.For<ViewerProfile>().UseNumericRevisions(true);
        opts.Storage.ExtendedSchemaObjects.Add(SeenVideos.Table(opts.DatabaseSchemaName));

        // Async: counters and other views no decision depends on.
        opts.Projections.Add<AccountStatsProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<VideoStatsProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<TrendingProjection>(ProjectionLifecycle.Async);

        // Not unique: HandleClaim documents guard uniqueness in the sign-up transaction; a second unique index
        // here would only turn the race's loser into an untyped error.
        opts.Schema.For<Account>().Index(a => a.Handle);
        opts.Schema.For<Cameo>().Duplicate(c => c.OwnerId).Duplicate(c => c.LikenessInForce).Duplicate(c => c.LikenessVersion);
        opts.Schema.For<LikenessDispute>().Duplicate(d => d.OpenedAt);
        opts.Schema.For<CameoUsage>().Duplicate(u => u.CameoId).Duplicate(u => u.GrantId).Duplicate(u => u.RequesterId)
            .Duplicate(u => u.RightKind).Duplicate(u => u.ParentUseId);
        // Queue depth and position, the creator's list, remix lineage, and "which generations show this cameo".
        opts.Schema.For<Generation>().Duplicate(g => g.RequesterId).Duplicate(g => g.Stage).Duplicate(g => g.RemixOf)
            .Duplicate(g => g.RequestedAt).GinIndexJsonData();
        opts.Schema.For<FollowEdge>().Duplicate(x => x.FolloweeId).Duplicate(x => x.FollowerId).Duplicate(x => x.Seq);
        opts.Schema.For<BlockEdge>().Duplicate(x => x.BlockerId).Duplicate(x => x.BlockedId).Duplicate(x => x.Seq);

        // Feed candidates: by author (follows), by recency, by topic key and cameo owner (GIN), by withdrawn use (GIN).
        opts.Schema.For<FeedVideo>().Duplicate(v => v.AuthorId).Duplicate(v => v.PublishedAt)
            // text[], not Marten's default varchar[]: its binary COPY writes string arrays as text[] (bulk loads).
            .Duplicate(v => v.TopicKeys, pgType: "text[]", configure: i => i.Method = IndexMethod.gin)
            .Duplicate(v => v.CameoOwnerIds, configure: i => i.Method = IndexMethod.gin)
            .Duplicate(v => v.UseIds, configure: i => i.Method = IndexMethod.gin)
            // Video search (English stemming). With the published_at index beside it, the planner can walk newest
            // first and test each prompt for a common word, or take the full-text index for a rare one.
            .FullTextIndex("english", v => v.Prompt);
        opts.Schema.For<TrendingEntry>().Duplicate(t => t.Region).Duplicate(t => t.LogScore);
        // One region's top list is a backward scan of (region, log_score). Found by ./sora bench feed: setting Columns on
        // a single-member index is silently ignored, which left an index on region alone and a 70 ms trending query.
        opts.Schema.For<TrendingEntry>().Index([t => t.Region, t => t.LogScore], i => i.Name = "idx_trending_region_score");
        opts.Schema.For<Comment>().Duplicate(c => c.VideoId).Duplicate(c => c.Seq);
        // The ranker needs only this number of each of several hundred candidates: read as a column, not as documents.
        opts.Schema.For<VideoStats>().Duplicate(s => s.Engagement);

        opts.Listeners.Add(new NotifyOnCommit());
    }
}
