using Sora.Domain.Generations;
using GraphQL.Types;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Feed;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Generations;
using Sora.Projections.Feed;

namespace Sora.GraphQL.Schema.Feed;

public sealed class FeedKindType : EnumerationGraphType<FeedKind>
{
    public FeedKindType()
    {
        Name = "FeedKind";
        Description = "FOR_YOU: ranked for you. FOLLOWING: newest from accounts you follow. TRENDING: what is rising in your region.";
    }
}

public sealed class FeedReasonType : EnumerationGraphType<FeedReason>
{
    public FeedReasonType() => Name = "FeedReason";
}

public sealed class FeedEndReasonType : EnumerationGraphType<FeedEndReason>
{
    public FeedEndReasonType()
    {
        Name = "FeedEndReason";
        Description = "Why the feed has no next page: nothing unseen is left, the account's daily scroll cap is reached, or a parent's control ended it " +
                      "(minutes watched today, the session's page limit when continuous scroll is off, quiet hours).";
    }
}

public sealed class ScorePartType : ObjectGraphType<ScorePart>
{
    public ScorePartType()
    {
        Name = "ScorePart";
        Description = "One term of an item's score (weights in docs/feed.md); the terms add up to the score.";
        Field(x => x.Name);
        Field(x => x.Value);
    }
}

/// <summary>A feed item: the video and why it is here.</summary>
public sealed record FeedEntry(Generation Video, RankedItem Ranking);

public sealed class FeedItemType : ObjectGraphType<FeedEntry>
{
    public FeedItemType()
    {
        Name = "FeedItem";
        Field<NonNullGraphType<VideoType>>("video").Resolve(ctx => ctx.Source.Video);
        Field<NonNullGraphType<FloatGraphType>>("score").Resolve(ctx => ctx.Source.Ranking.Score);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeedReasonType>>>>("reasons").Description("Why it was shown.")
            .Resolve(ctx => ctx.Source.Ranking.Reasons);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScorePartType>>>>("scoreParts").Resolve(ctx => ctx.Source.Ranking.Parts);
    }
}

public sealed record FeedResult(IReadOnlyList<FeedEntry> Items, FeedPage Page);

public sealed class FeedConnectionType : ObjectGraphType<FeedResult>
{
    public FeedConnectionType()
    {
        Name = "FeedConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeedItemType>>>>("items").Resolve(ctx => ctx.Source.Items);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx =>
            ctx.Source.Page.NextSession is { } next
                ? new PageInfo(true, false, null, FeedCursor.Encode(next))
                : new PageInfo(false, false, null, null));
        Field<FeedEndReasonType>("endReason").Description("Set when the feed ends here (and then there is no next page).")
            .Resolve(ctx => ctx.Source.Page.EndReason);
        Field<StringGraphType>("region").Description("The region the feed used (ISO country code), or null when unknown.")
            .Resolve(ctx => ctx.Source.Page.Region);
        Field<NonNullGraphType<BooleanGraphType>>("personalized").Resolve(ctx => ctx.Source.Page.Personalized);
        Field<IntGraphType>("dailyScrollCap").Resolve(ctx => ctx.Source.Page.DailyScrollCap);
        Field<DateTimeOffsetGraphType>("opensAt").Description("When the feed opens again, for an end by a cap or quiet hours.")
            .Resolve(ctx => ctx.Source.Page.OpensAt);
        Field<NonNullGraphType<IntGraphType>>("servedToday").Resolve(ctx => ctx.Source.Page.ServedToday);
    }
}

public sealed class VideoStatsType : ObjectGraphType<VideoStats>
{
    public VideoStatsType()
    {
        Name = "VideoStats";
        Description = "Engagement counters (maintained asynchronously: they may trail the latest signals by moments).";
        Field(x => x.Views);
        Field(x => x.AverageWatchFraction);
        Field(x => x.CompletionRate);
        Field(x => x.Likes);
        Field(x => x.Comments);
        Field(x => x.Shares);
        Field(x => x.Remixes);
    }
}

public sealed class FeedSettingsType : ObjectGraphType<FeedSettings>
{
    public FeedSettingsType()
    {
        Name = "FeedSettings";
        Field(x => x.Personalized).Description("False: the feed uses recency and popularity only.");
        Field(x => x.DailyScrollCap, nullable: true).Description("Items the feed may serve per UTC day; null means no cap.");
        Field(x => x.AssistantConnected).Description("Whether imported assistant topics shape the feed (opt-in).");
        Field(x => x.AssistantTopicCount);
    }
}

public sealed class CommentType : ObjectGraphType<Comment>
{
    public CommentType()
    {
        Name = "Comment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(x => x.Text);
        Field<AccountType>("author").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.AuthorId));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("postedAt").Resolve(ctx => ctx.Source.PostedAt);
        Field<NonNullGraphType<BooleanGraphType>>("viewerCanDelete").Resolve(ctx =>
            ctx.Viewer().Actor is { } actor && CommentRules.MayDelete(ctx.Source, actor));
    }
}

public sealed class CommentEdgeType : ObjectGraphType<Edge<Comment>>
{
    public CommentEdgeType()
    {
        Name = "CommentEdge";
        Field(x => x.Cursor);
        Field<NonNullGraphType<CommentType>>("node").Resolve(ctx => ctx.Source.Node);
    }
}

public sealed class CommentConnectionType : ObjectGraphType<Connection<Comment>>
{
    public CommentConnectionType()
    {
        Name = "CommentConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentEdgeType>>>>("edges").Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
    }
}
