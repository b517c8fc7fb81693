using Marten;
using Sora.Domain.Feed;

namespace Sora.Projections.Feed;

/// <summary>
/// The inline step of ViewIngest's quick-appended views, the rule <see cref="ViewerProfileProjection"/> applies to a
/// transaction of views: every view's seen row, and a fold only for the viewers that must fold now
/// (<see cref="ViewerTail.MustFold"/>), from the tail, which already holds this batch's views.
/// </summary>
public sealed class FoldAppendedViews : IViewsAppended
{
    public async Task ApplyAsync(IDocumentSession session, IReadOnlyList<VideoViewed> views, IReadOnlyDictionary<Guid, long> versions,
        CancellationToken ct)
    {
        var viewers = versions.Keys.ToArray();
        var folded = await ViewerTail.FoldedVersionsAsync(session, viewers, ct);
        var fold = viewers.Where(v =>
        {
            var (exists, version, seenSinceTrim) = folded.GetValueOrDefault(v);
            return ViewerTail.MustFold(exists, version, seenSinceTrim, versions[v]);
        }).ToArray();
        var profiles = new Dictionary<Guid, ViewerProfile>();
        if (fold.Length > 0)
        {
            // A profile from before the tail starts its version here: it folded every earlier view, so only this
            // batch's are new to it.
            var legacy = fold.Where(v => folded[v] is (true, null, _)).ToHashSet();
            profiles = await ViewerTail.LoadFoldedAsync(session, fold.Where(v => !legacy.Contains(v)).ToArray(), long.MaxValue, ct);
            if (legacy.Count > 0) await FoldLegacyAsync(session, views, versions, legacy, profiles, ct);
            foreach (var profile in profiles.Values) session.Store(profile);
        }
        ViewerProfileProjection.QueueSeen(session, views, profiles);
    }

    private static async Task FoldLegacyAsync(IDocumentSession session, IReadOnlyList<VideoViewed> views, IReadOnlyDictionary<Guid, long> versions,
        HashSet<Guid> legacy, Dictionary<Guid, ViewerProfile> profiles, CancellationToken ct)
    {
        var mine = views.Where(v => legacy.Contains(v.ViewerId)).ToList();
        var videos = await ViewerTail.VideosAsync(session, mine, ct);
        foreach (var profile in await session.LoadManyAsync<ViewerProfile>(ct, legacy))
        {
            foreach (var view in mine.Where(v => v.ViewerId == profile.Id)) ViewerProfileProjection.Apply(profile, view, videos);
            profile.ActivityVersion = versions[profile.Id];
            profiles[profile.Id] = profile;
        }
    }
}
