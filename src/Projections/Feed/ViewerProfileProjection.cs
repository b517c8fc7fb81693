using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sora.Domain.Feed;

namespace Sora.Projections.Feed;

/// <summary>
/// Inline multi-stream projection keyed by viewer: signals from the activity, reaction and comment streams, each
/// joined with its <see cref="FeedVideo"/> (content vector and author) as it is applied.
/// </summary>
public partial class ViewerProfileProjection : MultiStreamProjection<ViewerProfile, Guid>
{
    public ViewerProfileProjection()
    {
        Identity<VideoViewed>(e => e.ViewerId);
        Identity<VideoLiked>(e => e.ViewerId);
        Identity<VideoUnliked>(e => e.ViewerId);
        Identity<VideoShared>(e => e.ViewerId);
        Identity<VideoFeedbackGiven>(e => e.ViewerId);
        Identity<CommentPosted>(e => e.ViewerId);
        Identity<FeedPageServed>(e => e.ViewerId);
    }

    public override async ValueTask<ViewerProfile?> EvolveAsync(ViewerProfile? snapshot, Guid id, IQuerySession session, IEvent e, CancellationToken ct)
    {
        var profile = snapshot ?? new ViewerProfile { Id = id };
        switch (e.Data)
        {
            case IVideoSignal signal:
                // The join with the video: its content vector and author. Signals about videos no longer visible
                // still count as seen or hidden, but teach nothing.
                var video = InterestModel.Strength(signal) != 0 ? await session.LoadAsync<FeedVideo>(signal.VideoId, ct) : null;
                Fold(profile, signal, video);
                break;
            case FeedPageServed served:
                var day = served.Day;
                profile.ServedToday = profile.ServedDay == day ? profile.ServedToday + served.VideoIds.Length : served.VideoIds.Length;
                profile.ServedDay = day;
                if (profile.SessionId != served.SessionId) (profile.SessionId, profile.SessionServed) = (served.SessionId, []);
                profile.SessionServed.AddRange(served.VideoIds);
                Trim(profile.SessionServed, ViewerProfile.MaxSessionServed);
                break;
        }
        return profile;
    }

    /// <summary>
    /// One signal folded into the profile, given the video it is about (null when no longer visible). Public so that
    /// the feed-quality harness learns with exactly this code. (Not named Apply: Marten would take it for a
    /// conventional Apply method and refuse the EvolveAsync override.)
    /// </summary>
    public static void Fold(ViewerProfile profile, IVideoSignal signal, FeedVideo? video)
    {
        if (video is not null) Learn(profile, signal, video.AuthorId, video.Vector);
        Remember(profile, signal);
    }

    private static void Learn(ViewerProfile profile, object signal, Guid author, float[] vector)
    {
        var strength = InterestModel.Strength(signal);
        if (strength == 0) return;
        profile.Interest = InterestModel.Update(profile.Interest, vector, strength);
        profile.Affinity[author] = InterestModel.UpdateAffinity(profile.Affinity.GetValueOrDefault(author), strength);
        profile.Signals++;
        if (strength > 0) profile.PositiveSignals++;
        if (signal is VideoFeedbackGiven { Kind: FeedbackKind.SeeLess } && !profile.SeeLessAuthors.Contains(author))
            profile.SeeLessAuthors.Add(author);
    }

    private static void Remember(ViewerProfile profile, object signal)
    {
        switch (signal)
        {
            case VideoViewed viewed:
                profile.Seen.Remove(viewed.VideoId);
                profile.Seen.Add(viewed.VideoId);
                Trim(profile.Seen, ViewerProfile.MaxSeen);
                if (viewed.Region is { } region) profile.LastRegion = region;
                break;
            case VideoFeedbackGiven { Kind: FeedbackKind.Hide or FeedbackKind.NotInterested } feedback:
                if (!profile.Excluded.Contains(feedback.VideoId)) profile.Excluded.Add(feedback.VideoId);
                break;
        }
    }

    private static void Trim(List<Guid> list, int max)
    {
        if (list.Count > max) list.RemoveRange(0, list.Count - max);
    }
}
