using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Feed;
using Sora.Projections.Feed;

namespace Sora.Bench.Feed;

/// <summary>
/// The catalog's orderings, standing in for the database indexes <see cref="FeedService"/> queries: recency
/// (published_at), popularity (engagement), trending (decayed engagement) and one recency-ordered list per topic key
/// (the GIN index on topic_keys). For You gathers candidates from the same sources with the same limits, excluding
/// what the viewer has seen, then ranks them with <see cref="FeedRanker"/>.
/// </summary>
public sealed class CatalogIndex
{
    private const int PageSize = 10;
    private readonly SyntheticCatalog _catalog;
    private readonly int[] _byRecency, _byPopularity, _byTrending;
    private readonly Dictionary<string, int[]> _byTopicKey;

    public CatalogIndex(SyntheticCatalog catalog)
    {
        _catalog = catalog;
        var videos = catalog.Videos;
        _byRecency = videos.OrderByDescending(v => v.PublishedAt).Select(v => v.Index).ToArray();
        _byPopularity = videos.OrderByDescending(v => v.Popularity).Select(v => v.Index).ToArray();
        _byTrending = videos.OrderByDescending(v => Math.Log(1 + v.Popularity) - (catalog.Now - v.PublishedAt).TotalHours * Math.Log(2) / TrendingEntry.HalfLifeHours)
            .Select(v => v.Index).ToArray();
        _byTopicKey = _byRecency.SelectMany(i => videos[i].TopicKeys.Select(k => (k, i))).GroupBy(p => p.k)
            .ToDictionary(g => g.Key, g => g.Select(p => p.i).ToArray());
    }

    public IReadOnlyList<int> Popular(SimSession session) => Unseen(_byPopularity, session, PageSize).ToList();

    public IReadOnlyList<int> Chronological(SimSession session) => Unseen(_byRecency, session, PageSize).ToList();

    /// <summary>A uniform draw from what the viewer has not seen: the baseline any personal feed must beat.</summary>
    public IReadOnlyList<int> RandomDraw(SimSession session, Random random) =>
        _catalog.Videos.Select(v => v.Index).Where(i => !session.Seen.Contains(i)).OrderBy(_ => random.Next()).Take(PageSize).ToList();

    /// <summary>The expected hit-rate of <see cref="RandomDraw"/>: the liked share of the unseen videos (exact, no dice).</summary>
    public double UnseenShare(SimSession session, HiddenTaste taste)
    {
        var unseen = _catalog.Videos.Where(v => !session.Seen.Contains(v.Index)).ToList();
        return unseen.Count == 0 ? 0 : unseen.Count(v => taste.Likes(v.Topic)) / (double)unseen.Count;
    }

    /// <summary>The best hit-rate a page could have now: the liked videos left unseen, at most a page of them.</summary>
    public double Ceiling(SimSession session, HiddenTaste taste, int pageSize) =>
        Math.Min(pageSize, _catalog.Videos.Count(v => !session.Seen.Contains(v.Index) && taste.Likes(v.Topic))) / (double)pageSize;

    public IReadOnlyList<int> ForYou(SimSession session, DateTimeOffset now, RankingTuning? tuning = null)
    {
        var profile = session.Profile;
        var interest = profile.Interest.Length > 0 ? profile.Interest : null;
        var flags = new Dictionary<int, (bool Explore, int? Trending)>();
        var keys = profile.PositiveSignals > 0 ? InterestModel.TopicKeys(interest, 6) : [];
        if (keys.Length > 0)
        {
            // Newest videos sharing a topic key with the taste (the GIN-indexed source, limit 2 × SourceLimit).
            var matching = keys.Where(_byTopicKey.ContainsKey).SelectMany(k => Unseen(_byTopicKey[k], session, 2 * FeedService.SourceLimit))
                .Distinct().OrderByDescending(i => _catalog.Videos[i].PublishedAt).Take(2 * FeedService.SourceLimit);
            foreach (var i in matching) flags[i] = default;
        }
        foreach (var i in Unseen(_byRecency, session, FeedService.SourceLimit)) flags[i] = (true, null);
        var rank = 0;
        foreach (var i in Unseen(_byTrending, session, FeedService.SourceLimit))
            flags[i] = (flags.GetValueOrDefault(i).Explore, rank++);

        var candidates = flags.Select(p =>
        {
            var v = _catalog.Videos[p.Key];
            return new FeedCandidate(v.Id, SyntheticCatalog.AuthorIdFor(v.Author), v.Vector, v.PublishedAt, v.Popularity)
                { Exploration = p.Value.Explore, TrendingRank = p.Value.Trending };
        }).ToList();
        var taste = new ViewerTaste(interest, null, profile.Affinity, profile.SeeLessAuthors.ToHashSet(), true) { Signals = profile.Signals, KnowsLikes = profile.PositiveSignals > 0 };
        var byId = flags.Keys.ToDictionary(i => _catalog.Videos[i].Id);
        return FeedRanker.Rank(candidates, taste, PageSize, now, FeedRanker.SeedFor(session.ViewerId, session.Served, profile.Signals), tuning)
            .Select(r => byId[r.Candidate.VideoId]).ToList();
    }

    private static IEnumerable<int> Unseen(int[] ordered, SimSession session, int count) =>
        ordered.Where(i => !session.Seen.Contains(i)).Take(count);
}
