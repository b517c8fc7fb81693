using Marten;

namespace Sora.Domain.Feed;

/// <summary>An engagement signal about one video by one viewer; the feed learns from every one of them.</summary>
public interface IVideoSignal
{
    Guid ViewerId { get; }
    Guid VideoId { get; }
}

// Views go on the viewer's activity stream (ActivityStreams.For): one writer per stream, so the heaviest event type
// never contends on a hot per-video stream. Region is a coarse code (ISO country), never the IP it came from.
public sealed record VideoViewed(Guid ViewerId, Guid VideoId, int WatchedMs, int DurationMs, bool Completed, string? Region,
    DateTimeOffset At) : IVideoSignal
{
    public double WatchFraction => DurationMs <= 0 ? 0 : Math.Clamp((double)WatchedMs / DurationMs, 0, 1);
}

/// <summary>A page the feed served (activity stream): what "already shown" and the daily scroll cap count.</summary>
public sealed record FeedPageServed(Guid ViewerId, FeedKind Kind, Guid SessionId, Guid[] VideoIds, DateOnly Day, DateTimeOffset At);

// Reactions go on the (viewer, video) reaction stream (VideoReaction.IdFor), which makes them idempotent.
public sealed record VideoLiked(Guid ViewerId, Guid VideoId, string? Region, DateTimeOffset At) : IVideoSignal;
public sealed record VideoUnliked(Guid ViewerId, Guid VideoId, DateTimeOffset At) : IVideoSignal;
public sealed record VideoShared(Guid ViewerId, Guid VideoId, string Channel, string? Region, DateTimeOffset At) : IVideoSignal;
public sealed record VideoFeedbackGiven(Guid ViewerId, Guid VideoId, FeedbackKind Kind, DateTimeOffset At) : IVideoSignal;

// One stream per comment.
public sealed record CommentPosted(Guid CommentId, Guid VideoId, Guid ViewerId, Guid VideoOwnerId, string Text, DateTimeOffset At) : IVideoSignal;
public sealed record CommentDeleted(Guid CommentId, Guid VideoId, Guid DeletedBy, DateTimeOffset At);

// Feed settings stream per account (FeedSettings.StreamFor).
public sealed record PersonalizationChanged(Guid AccountId, bool Enabled, DateTimeOffset At);
public sealed record DailyScrollCapSet(Guid AccountId, int? Cap, Guid SetBy, DateTimeOffset At);
/// <summary>Topics themselves live in the personal-data vault (deletable); the event records only that they came.</summary>
public sealed record AssistantTopicsImported(Guid AccountId, int TopicCount, string Source, DateTimeOffset At);
public sealed record AssistantHistoryDisconnected(Guid AccountId, DateTimeOffset At);

public enum FeedKind
{
    ForYou,
    Following,
    Trending,
}

public enum FeedbackKind
{
    SeeLess,
    NotInterested,
    Hide,
}

public static class FeedEventTypes
{
    /// <summary>The stored name of <see cref="VideoViewed"/>: the viewer profile's tail fold selects by it.</summary>
    public const string VideoViewedName = "video_viewed";

    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<VideoViewed>(VideoViewedName);
        opts.Events.MapEventType<FeedPageServed>("feed_page_served");
        opts.Events.MapEventType<VideoLiked>("video_liked");
        opts.Events.MapEventType<VideoUnliked>("video_unliked");
        opts.Events.MapEventType<VideoShared>("video_shared");
        opts.Events.MapEventType<VideoFeedbackGiven>("video_feedback_given");
        opts.Events.MapEventType<CommentPosted>("comment_posted");
        opts.Events.MapEventType<CommentDeleted>("comment_deleted");
        opts.Events.MapEventType<PersonalizationChanged>("personalization_changed");
        opts.Events.MapEventType<DailyScrollCapSet>("daily_scroll_cap_set");
        opts.Events.MapEventType<AssistantTopicsImported>("assistant_topics_imported");
        opts.Events.MapEventType<AssistantHistoryDisconnected>("assistant_history_disconnected");
    }
}

public static class ActivityStreams
{
    /// <summary>The viewer's activity stream (views and served pages).</summary>
    public static Guid For(Guid viewer) => Common.DeterministicGuid.From("activity", viewer);
}
