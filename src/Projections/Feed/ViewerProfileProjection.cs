using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sora.Domain.Feed;

namespace Sora.Projections.Feed;

/// <summary>
/// Inline projection keyed by viewer: signals from the activity, reaction and comment streams, each joined with its
/// <see cref="FeedVideo"/> (content vector and author). It sees a transaction's events as one batch, so a
/// group-committed batch of 500 views costs one load of the profiles and one of the videos, not a load per view.
/// (Marten's inline multi-stream aggregation loads the profiles in one go but never calls EnrichEventsAsync, which
/// left the video join at one query per signal; a plain IProjection batches both.)
/// </summary>
public sealed class ViewerProfileProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var mine = events.Where(e => ViewerOf(e.Data) is not null).ToList();
        if (mine.Count == 0) return;
        var viewers = mine.Select(e => ViewerOf(e.Data)!.Value).Distinct().ToArray();
        var profiles = (await operations.LoadManyAsync<ViewerProfile>(ct, viewers)).ToDictionary(p => p.Id);
        // Only signals that teach need the video; the others (20-50% views) still count as seen.
        var videoIds = mine.Select(e => e.Data).OfType<IVideoSignal>().Where(s => InterestModel.Strength(s) != 0)
            .Select(s => s.VideoId).Distinct().ToArray();
        var videos = videoIds.Length == 0 ? new Dictionary<Guid, FeedVideo>()
            : (await operations.LoadManyAsync<FeedVideo>(ct, videoIds)).ToDictionary(v => v.Id);

        foreach (var e in mine)
        {
            var viewer = ViewerOf(e.Data)!.Value;
            if (!profiles.TryGetValue(viewer, out var profile)) profiles[viewer] = profile = new ViewerProfile { Id = viewer };
            switch (e.Data)
            {
                // Signals about videos no longer visible still count as seen or hidden, but teach nothing.
                case IVideoSignal signal:
                    Fold(profile, signal, videos.GetValueOrDefault(signal.VideoId));
                    if (signal is VideoViewed view) Watched(profile, view);
                    break;
                case FeedPageServed served:
                    Served(profile, served);
                    break;
            }
        }
        foreach (var viewer in viewers) operations.Store(profiles[viewer]);
        QueueSeen(operations, mine.Select(e => e.Data).OfType<VideoViewed>().ToList(), profiles);
    }

    /// <summary>The transaction's views into the seen table, one statement for all of them (a video viewed twice in
    /// the batch is one row: an upsert may not touch a row twice), and a trim for viewers that may be past the bound.</summary>
    private static void QueueSeen(IDocumentOperations operations, IReadOnlyList<VideoViewed> views, Dictionary<Guid, ViewerProfile> profiles)
    {
        if (views.Count == 0) return;
        var rows = views.GroupBy(v => (v.ViewerId, v.VideoId)).Select(g => (g.Key.ViewerId, g.Key.VideoId, At: g.Max(v => v.At))).ToArray();
        SeenVideos.QueueUpsert(operations, rows.Select(r => r.ViewerId).ToArray(), rows.Select(r => r.VideoId).ToArray(), rows.Select(r => r.At).ToArray());
        foreach (var profile in views.Select(v => profiles[v.ViewerId]).Distinct())
        {
            if (profile.SeenSinceTrim <= SeenVideos.Keep + SeenVideos.TrimSlack) continue;
            SeenVideos.QueueTrim(operations, profile.Id);
            profile.SeenSinceTrim = SeenVideos.Keep;
        }
    }

    private static Guid? ViewerOf(object data) => data switch
    {
        IVideoSignal signal => signal.ViewerId,
        FeedPageServed served => served.ViewerId,
        _ => null,
    };

    private static void Served(ViewerProfile profile, FeedPageServed served)
    {
        var day = served.Day;
        profile.ServedToday = profile.ServedDay == day ? profile.ServedToday + served.VideoIds.Length : served.VideoIds.Length;
        profile.ServedDay = day;
        if (profile.SessionId != served.SessionId) (profile.SessionId, profile.SessionServed, profile.SessionPages) = (served.SessionId, [], 0);
        profile.SessionServed.AddRange(served.VideoIds);
        profile.SessionPages++;
        Trim(profile.SessionServed, ViewerProfile.MaxSessionServed);
    }

    // The day is the view's own (UTC), as the item cap's is the page's: a view reported after midnight counts for the new day.
    private static void Watched(ViewerProfile profile, VideoViewed view)
    {
        var day = DateOnly.FromDateTime(view.At.UtcDateTime);
        profile.WatchedMsToday = profile.WatchDay == day ? profile.WatchedMsToday + view.WatchedMs : view.WatchedMs;
        profile.WatchDay = day;
    }

    /// <summary>
    /// One signal folded into the profile, given the video it is about (null when no longer visible). Public so that
    /// the feed-quality harness and the benchmark's bulk load learn with exactly this code.
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
        if (profile.Affinity.Count > ViewerProfile.MaxAffinityAuthors * 6 / 5) KeepStrongest(profile.Affinity, ViewerProfile.MaxAffinityAuthors);
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
                // The video itself goes to the seen table (QueueSeen): a pure fold keeps only the count.
                profile.SeenSinceTrim++;
                if (viewed.Region is { } region) profile.LastRegion = region;
                break;
            case VideoFeedbackGiven { Kind: FeedbackKind.Hide or FeedbackKind.NotInterested } feedback:
                if (!profile.Excluded.Contains(feedback.VideoId)) profile.Excluded.Add(feedback.VideoId);
                break;
        }
    }

    /// <summary>Drops all but the <paramref name="keep"/> strongest affinities (by size; ties by author id, so every
    /// replay drops the same ones).</summary>
    private static void KeepStrongest(Dictionary<Guid, double> affinity, int keep)
    {
        foreach (var weak in affinity.OrderByDescending(a => Math.Abs(a.Value)).ThenBy(a => a.Key).Skip(keep).Select(a => a.Key).ToList())
            affinity.Remove(weak);
    }

    private static void Trim(List<Guid> list, int max)
    {
        if (list.Count > max) list.RemoveRange(0, list.Count - max);
    }
}
