using Sora.Domain.Feed;
using Xunit;

namespace Sora.Domain.Tests.Feed;

/// <summary>Given the reaction that stands, when the viewer reacts, then these events (or none, or a refusal).</summary>
public sealed class ReactionDeciderTests
{
    private static readonly Guid Viewer = Guid.NewGuid();
    private static readonly Guid Video = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static Sora.Domain.Common.Decision<object> Decide(ReactionKind kind, VideoReaction? state = null, string? channel = null) =>
        ReactionDecider.Decide(kind, Viewer, Video, state, channel, "GB", Now);

    [Fact]
    public void Likes_and_feedback_are_idempotent_and_unlike_only_undoes_a_like()
    {
        Assert.IsType<VideoLiked>(Assert.Single(Decide(ReactionKind.Like).Events));
        Assert.Empty(Decide(ReactionKind.Like, new VideoReaction { Liked = true }).Events);
        Assert.Empty(Decide(ReactionKind.Unlike).Events);
        Assert.IsType<VideoUnliked>(Assert.Single(Decide(ReactionKind.Unlike, new VideoReaction { Liked = true }).Events));
        Assert.Equal(FeedbackKind.Hide, Assert.IsType<VideoFeedbackGiven>(Assert.Single(Decide(ReactionKind.Hide).Events)).Kind);
        Assert.Empty(Decide(ReactionKind.Hide, new VideoReaction { Hidden = true }).Events);
        Assert.Empty(Decide(ReactionKind.SeeLess, new VideoReaction { SeeLess = true }).Events);
        Assert.Empty(Decide(ReactionKind.NotInterested, new VideoReaction { NotInterested = true }).Events);
    }

    [Fact]
    public void Every_share_counts_and_a_channel_is_bounded()
    {
        var state = new VideoReaction { Shares = 3 };
        Assert.Equal("link", Assert.IsType<VideoShared>(Assert.Single(Decide(ReactionKind.Share, state).Events)).Channel);
        Assert.Equal("message", Assert.IsType<VideoShared>(Assert.Single(Decide(ReactionKind.Share, state, " message ").Events)).Channel);
        var refused = Decide(ReactionKind.Share, state, new string('c', ReactionDecider.MaxChannelLength + 1));
        Assert.Equal(("BAD_USER_INPUT", "channel"), (refused.Refusal!.Code, refused.Refusal.Field));
        Assert.Empty(refused.Events);
    }
}
