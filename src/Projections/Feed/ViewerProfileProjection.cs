using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sora.Domain.Feed;

namespace Sora.Projections.Feed;

/// <summary>
/// Inline projection keyed by viewer: signals from the activity, reaction and comment streams, each joined with its
/// <see cref="FeedVideo"/> (content vector and author). It sees a transaction's events as one batch, so the profiles
/// and videos it needs cost one load each, not a load per signal.
/// Views are the exception: a viewer with nothing but views in a transaction gets their seen rows and keeps the
/// profile as it was, so the heaviest signal costs no profile rewrite. They stay in the profile's tail
/// (<see cref="ViewerTail"/>) until the viewer's next page, like or comment folds them, in order, before its own
/// events, or until the tail would pass <see cref="ViewerTail.FoldAfter"/> views. Live views arrive through
/// ViewIngest's quick append, which applies the same rule itself (<see cref="FoldAppendedViews"/>); this projection
/// applies it when a rebuild replays them.
/// (A plain IProjection rather than Marten's inline multi-stream aggregation, which never called EnrichEventsAsync and
/// left the video join at one query per signal.)
/// </summary>
public sealed class ViewerProfileProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var mine = events.Where(e => ViewerOf(e.Data) is not null).ToList();
        if (mine.Count == 0) return;
        var byViewer = mine.GroupBy(e => ViewerOf(e.Data)!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var fold = await ToFoldAsync(operations, byViewer, ct);

        var profiles = new Dictionary<Guid, ViewerProfile>();
        if (fold.Count > 0)
        {
            // The tail first (views committed before this transaction), then this transaction's events in order.
            profiles = await ViewerTail.LoadFoldedAsync(operations, fold, mine.Min(e => e.Sequence), ct);
            var videos = await ViewerTail.VideosAsync(operations, fold.SelectMany(v => byViewer[v]).Select(e => e.Data).OfType<IVideoSignal>(), ct);
            foreach (var viewer in fold)
            {
                var profile = profiles[viewer];
                foreach (var e in byViewer[viewer])
                {
                    Apply(profile, e.Data, videos);
                    if (e.StreamId == ActivityStreams.For(viewer)) profile.ActivityVersion = e.Version;
                }
                operations.Store(profile);
            }
        }
        QueueSeen(operations, mine.Select(e => e.Data).OfType<VideoViewed>().ToList(), profiles);
    }

    /// <summary>
    /// The viewers whose profiles this transaction folds: all with anything but views in it; of the rest, those whose
    /// tail would pass the bound or whose seen rows are due a trim, and profiles from before the tail (which must not start one: they folded every view).
    /// </summary>
    private static async Task<List<Guid>> ToFoldAsync(IDocumentOperations operations, Dictionary<Guid, List<IEvent>> byViewer, CancellationToken ct)
    {
        var fold = byViewer.Where(v => v.Value.Any(e => e.Data is not VideoViewed)).Select(v => v.Key).ToList();
        var viewing = byViewer.Keys.Except(fold).ToArray();
        if (viewing.Length == 0) return fold;
        var folded = await ViewerTail.FoldedVersionsAsync(operations, viewing, ct);
        foreach (var viewer in viewing)
        {
            var (exists, version, seenSinceTrim) = folded.GetValueOrDefault(viewer);
            if (ViewerTail.MustFold(exists, version, seenSinceTrim, byViewer[viewer].Max(e => e.Version))) fold.Add(viewer);
        }
        return fold;
    }

    /// <summary>One event folded into the profile (the same fold for the inline events and for a tail).</summary>
    public static void Apply(ViewerProfile profile, object data, IReadOnlyDictionary<Guid, FeedVideo> videos)
    {
        switch (data)
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

    /// <summary>The transaction's views into the seen table, one statement for all of them (a video viewed twice in
    /// the batch is one row: an upsert may not touch a row twice), and a trim for folded viewers that may be past the
    /// bound (a viewer's unfolded views wait for the fold that counts them).</summary>
    public static void QueueSeen(IDocumentOperations operations, IReadOnlyList<VideoViewed> views, IReadOnlyDictionary<Guid, ViewerProfile> profiles)
    {
        if (views.Count == 0) return;
        var rows = views.GroupBy(v => (v.ViewerId, v.VideoId)).Select(g => (g.Key.ViewerId, g.Key.VideoId, At: g.Max(v => v.At))).ToArray();
        SeenVideos.QueueUpsert(operations, rows.Select(r => r.ViewerId).ToArray(), rows.Select(r => r.VideoId).ToArray(), rows.Select(r => r.At).ToArray());
        foreach (var profile in views.Select(v => v.ViewerId).Distinct().Select(profiles.GetValueOrDefault).OfType<ViewerProfile>())
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
