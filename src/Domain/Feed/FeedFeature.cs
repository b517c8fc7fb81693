using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Text;
using Weasel.Postgresql.Tables;

namespace Sora.Domain.Feed;

/// <summary>Visibility, reactions, comments and settings are read by the very next request (a like changes the next page;
/// a revoke empties it), so they are inline.</summary>
public sealed class FeedFeature(IPromptEmbedder embedder) : IStoreFeature
{
    public void Configure(StoreOptions opts)
    {
        FeedEventTypes.Register(opts);
        opts.Projections.Add(new FeedVideoProjection(embedder), ProjectionLifecycle.Inline);
        opts.Projections.Snapshot<VideoReaction>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Comment>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<FeedSettings>(SnapshotLifecycle.Inline);

        // Feed candidates: by author (follows), by recency, by topic key and cameo owner (GIN), by withdrawn use (GIN).
        opts.Schema.For<FeedVideo>().Duplicate(v => v.AuthorId).Duplicate(v => v.PublishedAt)
            // text[], not Marten's default varchar[]: its binary COPY writes string arrays as text[] (bulk loads).
            .Duplicate(v => v.TopicKeys, pgType: "text[]", configure: i => i.Method = IndexMethod.gin)
            .Duplicate(v => v.CameoOwnerIds, configure: i => i.Method = IndexMethod.gin)
            .Duplicate(v => v.UseIds, configure: i => i.Method = IndexMethod.gin)
            // A takedown walks the remix lineage down from the removed video.
            .Duplicate(v => v.RemixOf)
            // Video search (English stemming). With the published_at index beside it, the planner can walk newest
            // first and test each prompt for a common word, or take the full-text index for a rare one.
            .FullTextIndex("english", v => v.Prompt);
        opts.Schema.For<Comment>().Duplicate(c => c.VideoId).Duplicate(c => c.Seq).Duplicate(c => c.AuthorId);
        // A comment's text is the one free text an event holds: deleting its author's account masks it (CommentsEraser).
        opts.Events.AddMaskingRuleForProtectedInformation<CommentPosted>(c => c with { Text = "" });
    }
}
