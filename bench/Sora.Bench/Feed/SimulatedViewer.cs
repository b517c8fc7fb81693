using Sora.Domain.Feed;
using Sora.Projections.Feed;

namespace Sora.Bench.Feed;

/// <summary>
/// A simulated person's hidden taste: weights over topics (the favourite is 1), unknown to the feeds. A decided
/// viewer (<see cref="OneTopic"/>) behaves as the viewers of the outside check did: every video of the liked topic is
/// watched to the end and liked, everything else swiped away.
/// </summary>
public sealed class HiddenTaste(double[] weights, bool decided = false)
{
    private static readonly double IdealDcg = Enumerable.Range(0, 10).Sum(i => 1 / Math.Log2(i + 2));

    public bool Decided => decided;
    public int Favourite => Array.IndexOf(weights, weights.Max());

    public static HiddenTaste OneTopic(int topic, int topics)
    {
        var weights = new double[topics];
        weights[topic] = 1;
        return new HiddenTaste(weights, decided: true);
    }

    public bool Likes(int topic) => weights[topic] > 0;

    /// <summary>One to three liked topics, more often the widely liked ones; the favourite weighs 1, others 0.3 to 1.</summary>
    public static HiddenTaste Draw(Random random, double[] appeal)
    {
        var weights = new double[appeal.Length];
        var remaining = (double[])appeal.Clone();
        var liked = 1 + random.Next(3);
        for (var k = 0; k < liked; k++)
        {
            var topic = SyntheticCatalog.Draw(random, remaining);
            remaining[topic] = 0;
            weights[topic] = k == 0 ? 1 : 0.3 + 0.7 * random.NextDouble();
        }
        return new HiddenTaste(weights);
    }

    /// <summary>One of the liked topics, in proportion to its weight.</summary>
    public int DrawLiked(Random random) => SyntheticCatalog.Draw(random, weights);

    /// <summary>Chance of watching a video of this topic through: 90% for the favourite, 5% outside the liked topics.</summary>
    public double Engagement(int topic) => decided ? weights[topic] : 0.05 + 0.85 * weights[topic];

    public double HitRate(IReadOnlyList<int> page, SyntheticCatalog catalog) =>
        page.Count(v => weights[catalog.Videos[v].Topic] > 0) / (double)Math.Max(1, page.Count);

    /// <summary>Graded gain (the topic's weight); the ideal page is ten videos of the favourite topic (gain 1 each).</summary>
    public double Ndcg(IReadOnlyList<int> page, SyntheticCatalog catalog) =>
        page.Take(10).Select((v, i) => weights[catalog.Videos[v].Topic] / Math.Log2(i + 2)).Sum() / IdealDcg;
}

/// <summary>
/// One person swiping one feed. Every swipe becomes the events production records (a view, watched through or
/// swiped away early, and sometimes a like), folded into a <see cref="ViewerProfile"/> by the production projection
/// code, so For You learns exactly as it does behind the API.
/// </summary>
public sealed class SimSession(Guid viewerId, HiddenTaste taste, Random random)
{
    private const int DurationMs = 10_000;
    private const double LikeChance = 0.3;

    public Guid ViewerId { get; } = viewerId;
    public ViewerProfile Profile { get; } = new() { Id = viewerId };
    public HashSet<int> Seen { get; } = [];
    public int Served { get; private set; }

    public void Swipe(SimVideo video, DateTimeOffset at)
    {
        Served++;
        Seen.Add(video.Index);
        var engaged = taste.Decided ? taste.Likes(video.Topic) : random.NextDouble() < taste.Engagement(video.Topic);
        var watched = engaged ? DurationMs : (int)(DurationMs * (0.03 + 0.27 * random.NextDouble()));
        var known = new FeedVideo { Id = video.Id, AuthorId = SyntheticCatalog.AuthorIdFor(video.Author), Vector = video.Vector };
        ViewerProfileProjection.Fold(Profile, new VideoViewed(ViewerId, video.Id, watched, DurationMs, engaged, null, at), known);
        if (engaged && (taste.Decided || random.NextDouble() < LikeChance))
            ViewerProfileProjection.Fold(Profile, new VideoLiked(ViewerId, video.Id, null, at), known);
    }
}
