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

    [Fact]
    public void Each_event_names_the_viewer_the_video_and_where_the_signal_came_from()
    {
        Assert.Equal([new VideoLiked(Viewer, Video, "GB", Now)], Decide(ReactionKind.Like).Events);
        Assert.Equal([new VideoUnliked(Viewer, Video, Now)], Decide(ReactionKind.Unlike, new VideoReaction { Liked = true }).Events);
        Assert.Equal([new VideoShared(Viewer, Video, "link", "GB", Now)], Decide(ReactionKind.Share, channel: "   ").Events);
        Assert.Equal([new VideoFeedbackGiven(Viewer, Video, FeedbackKind.SeeLess, Now)], Decide(ReactionKind.SeeLess).Events);
        Assert.Equal([new VideoFeedbackGiven(Viewer, Video, FeedbackKind.NotInterested, Now)], Decide(ReactionKind.NotInterested).Events);
        Assert.Equal(new string('c', ReactionDecider.MaxChannelLength),
            Assert.IsType<VideoShared>(Assert.Single(Decide(ReactionKind.Share, channel: new string('c', ReactionDecider.MaxChannelLength)).Events)).Channel);
    }

    [Fact]
    public void One_kind_of_feedback_does_not_stand_for_another()
    {
        var hidden = new VideoReaction { Hidden = true, Liked = true };
        Assert.Equal(FeedbackKind.SeeLess, Assert.IsType<VideoFeedbackGiven>(Assert.Single(Decide(ReactionKind.SeeLess, hidden).Events)).Kind);
        Assert.Equal(FeedbackKind.NotInterested, Assert.IsType<VideoFeedbackGiven>(Assert.Single(Decide(ReactionKind.NotInterested, hidden).Events)).Kind);
        Assert.IsType<VideoUnliked>(Assert.Single(Decide(ReactionKind.Unlike, hidden).Events));
    }

    [Fact]
    public void The_reaction_state_follows_its_events_so_a_retry_is_a_no_op()
    {
        var state = new VideoReaction();
        foreach (var kind in new[] { ReactionKind.Like, ReactionKind.SeeLess, ReactionKind.NotInterested, ReactionKind.Hide, ReactionKind.Share })
            foreach (var e in Decide(kind, state).Events)
                switch (e)
                {
                    case VideoLiked l: state.Apply(l); break;
                    case VideoFeedbackGiven f: state.Apply(f); break;
                    case VideoShared s: state.Apply(s); break;
                }
        Assert.Equal((true, true, true, true, 1), (state.Liked, state.SeeLess, state.NotInterested, state.Hidden, state.Shares));
        foreach (var kind in new[] { ReactionKind.Like, ReactionKind.SeeLess, ReactionKind.NotInterested, ReactionKind.Hide })
            Assert.Empty(Decide(kind, state).Events);
        Assert.Single(Decide(ReactionKind.Share, state).Events);
        Assert.Equal(VideoReaction.IdFor(Viewer, Video), VideoReaction.IdFor(Viewer, Video));
        Assert.NotEqual(VideoReaction.IdFor(Viewer, Video), VideoReaction.IdFor(Video, Viewer));
    }
}
