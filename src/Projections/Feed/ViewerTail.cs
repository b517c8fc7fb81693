using Marten;
using Sora.Domain.Feed;

namespace Sora.Projections.Feed;

/// <summary>
/// The views a <see cref="ViewerProfile"/> has not folded yet: its tail. Folding every view into the profile when it
/// was written made each view batch read and rewrite hundreds of profiles of tens of KB (the interest vector, 300
/// affinities, the session's served list) just to add a few numbers, and that rewrite was nearly all of the ingest
/// cost. Now a view batch only appends its events and seen rows; whoever reads a profile folds its tail first, with
/// the same fold in the same order, so a view is in the next page as soon as recordView answers.
/// Every reader and writer of a profile holds the viewer's lock (<see cref="ViewerLock"/>), and views are committed in
/// version order under it, so "after <see cref="ViewerProfile.ActivityVersion"/>" is exactly the unfolded views.
/// </summary>
public static class ViewerTail
{
    /// <summary>Views a profile may leave unfolded. The view batch that would take a tail past this folds the profile
    /// (<see cref="ViewerProfileProjection"/>), so a read folds at most this many views, and the seen table runs at
    /// most this many rows past its trim bound.</summary>
    public const int FoldAfter = 200;

    /// <summary>
    /// Whether a viewer with only views in a transaction must fold now: a profile from before the tail (it folded
    /// every view, so it must not start a tail), a tail that would pass <see cref="FoldAfter"/>, or seen rows due a
    /// trim (counted in the profile). <paramref name="last"/> is the activity stream's version after the transaction.
    /// </summary>
    public static bool MustFold(bool exists, long? folded, int seenSinceTrim, long last)
    {
        if (exists && folded is null) return true;
        var unfolded = last - (folded ?? 0);
        return unfolded > FoldAfter || seenSinceTrim + unfolded > SeenVideos.Keep + SeenVideos.TrimSlack;
    }

    internal sealed record TailRow(Guid Viewer, long Version, VideoViewed View);

    internal sealed record FoldedRow(Guid Viewer, bool Exists, long? Version, int SeenSinceTrim);

    /// <summary>The viewer's profile as it stands: the document with its tail folded in (a fresh one for a viewer
    /// without a document). What every reader of a profile uses; read under the viewer's lock where a decision follows.</summary>
    public static async Task<ViewerProfile> CurrentAsync(IQuerySession session, Guid viewer, CancellationToken ct = default)
    {
        var profiles = await LoadFoldedAsync(session, [viewer], long.MaxValue, ct);
        return profiles[viewer];
    }

    /// <summary>
    /// The profiles of <paramref name="viewers"/> with their tails folded: views after each profile's
    /// <see cref="ViewerProfile.ActivityVersion"/> whose sequence is below <paramref name="before"/> (the projection
    /// passes its transaction's first sequence, so a rebuild never folds a view ahead of the events it is replaying).
    /// </summary>
    public static async Task<Dictionary<Guid, ViewerProfile>> LoadFoldedAsync(IQuerySession session, IReadOnlyCollection<Guid> viewers,
        long before, CancellationToken ct)
    {
        var profiles = (await session.LoadManyAsync<ViewerProfile>(ct, viewers)).ToDictionary(p => p.Id);
        foreach (var viewer in viewers)
            if (!profiles.ContainsKey(viewer)) profiles[viewer] = new ViewerProfile { Id = viewer, ActivityVersion = 0 };
        // A profile from before the tail (null) had folded every view inline: it has no tail.
        var pending = profiles.Values.Where(p => p.ActivityVersion is not null).ToList();
        if (pending.Count == 0) return profiles;

        var tail = await session.QueryAsync<TailRow>(
            $"select jsonb_build_object('Viewer', t.viewer, 'Version', e.version, 'View', e.data) " +
            $"from unnest(?::uuid[], ?::uuid[], ?::bigint[]) t(viewer, stream, folded) " +
            $"join {EventsTable(session)} e on e.stream_id = t.stream and e.version > t.folded " +
            $"where e.type = '{FeedEventTypes.VideoViewedName}' and e.seq_id < ? order by t.viewer, e.version",
            ct, pending.Select(p => p.Id).ToArray(), pending.Select(p => ActivityStreams.For(p.Id)).ToArray(),
            pending.Select(p => p.ActivityVersion!.Value).ToArray(), before);
        if (tail.Count == 0) return profiles;

        var videos = await VideosAsync(session, tail.Select(t => t.View), ct);
        foreach (var row in tail)
        {
            var profile = profiles[row.Viewer];
            ViewerProfileProjection.Apply(profile, row.View, videos);
            profile.ActivityVersion = row.Version;
        }
        return profiles;
    }

    /// <summary>How far each viewer's profile has folded its activity stream, without reading the documents:
    /// (document exists, <see cref="ViewerProfile.ActivityVersion"/>, <see cref="ViewerProfile.SeenSinceTrim"/>) from
    /// their duplicated columns.</summary>
    public static async Task<Dictionary<Guid, (bool Exists, long? Version, int SeenSinceTrim)>> FoldedVersionsAsync(IQuerySession session, Guid[] viewers,
        CancellationToken ct)
    {
        var rows = await session.QueryAsync<FoldedRow>(
            $"select jsonb_build_object('Viewer', t.viewer, 'Exists', p.id is not null, 'Version', p.activity_version, 'SeenSinceTrim', coalesce(p.seen_since_trim, 0)) " +
            $"from unnest(?::uuid[]) t(viewer) left join {session.DocumentStore.Options.Schema.For<ViewerProfile>()} p on p.id = t.viewer",
            ct, viewers);
        return rows.ToDictionary(r => r.Viewer, r => (r.Exists, r.Version, r.SeenSinceTrim));
    }

    /// <summary>The videos that <paramref name="signals"/> teach about (the others still count as seen).</summary>
    public static async Task<IReadOnlyDictionary<Guid, FeedVideo>> VideosAsync(IQuerySession session, IEnumerable<IVideoSignal> signals,
        CancellationToken ct)
    {
        var ids = signals.Where(s => InterestModel.Strength(s) != 0).Select(s => s.VideoId).Distinct().ToArray();
        if (ids.Length == 0) return new Dictionary<Guid, FeedVideo>();
        return (await session.LoadManyAsync<FeedVideo>(ct, ids)).ToDictionary(v => v.Id);
    }

    private static string EventsTable(IQuerySession session) => $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
}
