using Sora.Domain.Common;

namespace Sora.Domain.Feed;

/// <summary>
/// One viewer's standing reactions to one video (inline snapshot; one stream per pair, see <see cref="IdFor"/>).
/// Repeating a reaction that is already in effect appends nothing, so a client may retry freely.
/// </summary>
public sealed class VideoReaction
{
    public Guid Id { get; set; }
    public Guid ViewerId { get; set; }
    public Guid VideoId { get; set; }
    public bool Liked { get; set; }
    public int Shares { get; set; }
    public bool SeeLess { get; set; }
    public bool NotInterested { get; set; }
    public bool Hidden { get; set; }

    public static Guid IdFor(Guid viewer, Guid video) => DeterministicGuid.From("reaction", viewer, video);

    public void Apply(VideoLiked e) => (ViewerId, VideoId, Liked) = (e.ViewerId, e.VideoId, true);
    public void Apply(VideoUnliked e) => (ViewerId, VideoId, Liked) = (e.ViewerId, e.VideoId, false);
    public void Apply(VideoShared e) => (ViewerId, VideoId, Shares) = (e.ViewerId, e.VideoId, Shares + 1);

    public void Apply(VideoFeedbackGiven e)
    {
        (ViewerId, VideoId) = (e.ViewerId, e.VideoId);
        switch (e.Kind)
        {
            case FeedbackKind.SeeLess: SeeLess = true; break;
            case FeedbackKind.NotInterested: NotInterested = true; break;
            case FeedbackKind.Hide: Hidden = true; break;
        }
    }
}

public enum ReactionKind
{
    Like,
    Unlike,
    Share,
    SeeLess,
    NotInterested,
    Hide,
}

/// <summary>Decides what a reaction appends, given what already stands.</summary>
public static class ReactionDecider
{
    public const int MaxChannelLength = 32;

    public static Decision<object> Decide(ReactionKind kind, Guid viewer, Guid video, VideoReaction? state, string? channel, string? region,
        DateTimeOffset now)
    {
        state ??= new VideoReaction();
        return kind switch
        {
            ReactionKind.Like => state.Liked ? Decision<object>.Accept() : Decision<object>.Accept(new VideoLiked(viewer, video, region, now)),
            ReactionKind.Unlike => state.Liked ? Decision<object>.Accept(new VideoUnliked(viewer, video, now)) : Decision<object>.Accept(),
            // Every share is a new event: sharing to two places is two shares.
            ReactionKind.Share => channel is { Length: > MaxChannelLength }
                ? Decision<object>.Refuse(ErrorCodes.BadUserInput, $"The channel can be at most {MaxChannelLength} characters.", "channel")
                : Decision<object>.Accept(new VideoShared(viewer, video, string.IsNullOrWhiteSpace(channel) ? "link" : channel.Trim(), region, now)),
            ReactionKind.SeeLess => state.SeeLess ? Decision<object>.Accept() : Feedback(FeedbackKind.SeeLess),
            ReactionKind.NotInterested => state.NotInterested ? Decision<object>.Accept() : Feedback(FeedbackKind.NotInterested),
            ReactionKind.Hide => state.Hidden ? Decision<object>.Accept() : Feedback(FeedbackKind.Hide),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        Decision<object> Feedback(FeedbackKind feedback) => Decision<object>.Accept(new VideoFeedbackGiven(viewer, video, feedback, now));
    }
}
