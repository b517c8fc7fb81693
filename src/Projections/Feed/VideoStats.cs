namespace Sora.Projections.Feed;

/// <summary>Per-video engagement counters (async projection; may trail the events by moments).</summary>
public sealed class VideoStats
{
    public Guid Id { get; set; }
    public int Views { get; set; }
    public double WatchFractionSum { get; set; }
    public int Completions { get; set; }
    public int Likes { get; set; }
    public int Comments { get; set; }
    public int Shares { get; set; }
    public int Remixes { get; set; }

    public double AverageWatchFraction => Views == 0 ? 0 : WatchFractionSum / Views;
    public double CompletionRate => Views == 0 ? 0 : (double)Completions / Views;

    /// <summary>The popularity the ranker uses (docs/feed.md): views weighted by completion, plus weighted reactions.</summary>
    public double Engagement => Views * (0.5 + CompletionRate) + 3 * Likes + 2 * Comments + 5 * Shares + 4 * Remixes;
}

/// <summary>
/// A video's trending score in one region ("*" is everywhere), exponentially decayed with a half-life of
/// <see cref="HalfLifeHours"/>. Stored in the log domain relative to a fixed epoch so that scores of different ages
/// compare directly and the region's top list is one index scan: score(now) ∝ exp(LogScore − now/τ).
/// </summary>
public sealed class TrendingEntry
{
    public const double HalfLifeHours = 12;
    public const string Everywhere = "*";
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string Id { get; set; } = "";
    public string Region { get; set; } = Everywhere;
    public Guid VideoId { get; set; }
    public double LogScore { get; set; } = double.NegativeInfinity;
    public DateTimeOffset LastAt { get; set; }

    public static string IdFor(string region, Guid video) => $"{region}|{video:N}";

    public void Add(double weight, DateTimeOffset at)
    {
        var tau = HalfLifeHours / Math.Log(2);
        var term = Math.Log(weight) + (at - Epoch).TotalHours / tau;
        LogScore = double.IsNegativeInfinity(LogScore) ? term : Math.Max(LogScore, term) + Math.Log(1 + Math.Exp(-Math.Abs(LogScore - term)));
        if (at > LastAt) LastAt = at;
    }
}
