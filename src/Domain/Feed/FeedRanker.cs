namespace Sora.Domain.Feed;

/// <summary>Why an item is in the feed. Items carry every reason that applies.</summary>
public enum FeedReason
{
    FollowedCreator,
    FriendInCameo,
    TrendingInRegion,
    SimilarToInterests,
    AssistantTopics,
    Exploration,
    Popular,
    Recent,
}

/// <summary>A video the candidate sources found, with what the ranker needs to score it.</summary>
public sealed record FeedCandidate(Guid VideoId, Guid AuthorId, float[] Vector, DateTimeOffset PublishedAt, double Popularity)
{
    public bool FromFollow { get; init; }
    public bool FriendCameo { get; init; }
    /// <summary>Position in the region's trending list (0 = top), when the video is trending there.</summary>
    public int? TrendingRank { get; init; }
    public bool Exploration { get; init; }
}

/// <summary>What the ranker knows of the viewer.</summary>
public sealed record ViewerTaste(float[]? Interest, float[]? Assistant, IReadOnlyDictionary<Guid, double> Affinity,
    IReadOnlySet<Guid> SeeLessAuthors, bool Personalized)
{
    /// <summary>How many signals the taste was learned from (the profile's count): page variety is wider before it grows.</summary>
    public int Signals { get; init; }

    /// <summary>
    /// Whether the viewer has liked anything yet (a positive signal, or connected assistant topics). Until then the
    /// taste holds only what was swiped away, and its opposite is no evidence of interest: similarity may lower a
    /// score but not raise it.
    /// </summary>
    public bool KnowsLikes { get; init; } = true;

    public static readonly ViewerTaste Anonymous = new(null, null, new Dictionary<Guid, double>(), new HashSet<Guid>(), false);
}

public sealed record ScorePart(string Name, double Value);

/// <summary>
/// Scales on parts of the score, for the quality harness only (./sora bench feed-quality measures what each part is
/// worth by switching it off); production always ranks with <see cref="Published"/>.
/// </summary>
public sealed record RankingTuning(double Interest = 1, double Affinity = 1, bool GateAffinity = true,
    double AffinityFloor = FeedRanker.Weights.AffinityFloor, double AffinityAgreement = FeedRanker.Weights.AffinityAgreement)
{
    public static readonly RankingTuning Published = new();
}

public sealed record RankedItem(FeedCandidate Candidate, double Score, IReadOnlyList<ScorePart> Parts, IReadOnlyList<FeedReason> Reasons);

/// <summary>
/// The ranking, as a pure function so that the API and the quality harness run the very same code. The weights are
/// published (docs/feed.md). Personalization off scores by recency and popularity only, with the same exclusions and
/// diversity rules (exclusions happen before ranking, in the candidate query).
/// </summary>
public static class FeedRanker
{
    public static class Weights
    {
        public const double Interest = 1.0;
        public const double Assistant = 0.3;
        public const double Follow = 0.5;
        public const double FriendCameo = 0.4;
        public const double Affinity = 0.3;
        /// <summary>
        /// Affinity follows the content. A liked creator's video gets no lift at an interest cosine at or below
        /// <see cref="AffinityFloor"/>, its whole lift from <see cref="AffinityAgreement"/>, and a share in
        /// between; a disliked creator's push down shrinks the other way. A creator who posts across topics is liked
        /// for some of them, not all. With the sentence model, unseen videos on the harness viewer's liked theme sit
        /// at a mean interest cosine of 0.27 to 0.33 after ten swipes and 0.52 after fifty, those off it at 0.00 to
        /// 0.03 and 0.14 to 0.16: the floor lies above what the viewer swipes away (docs/feed.md).
        /// </summary>
        public const double AffinityFloor = 0.2, AffinityAgreement = 0.4;
        public const double Trending = 0.2;
        public const double Popularity = 0.25;
        public const double Freshness = 0.2;
        public const double SeeLess = -0.6;
        public const double FreshnessHalfLifeHours = 48;
        /// <summary>Share of each page given to exploration (fresh videos outside the viewer's known taste).</summary>
        public const double ExplorationShare = 0.15;
        /// <summary>At most this many items by one author per page, and never two in a row.</summary>
        public const int MaxPerAuthor = 2;
        /// <summary>Redundancy penalty for a viewer with no signals (times the cosine with the closest item above).</summary>
        public const double Redundancy = 0.6;
        /// <summary>The penalty halves after this many signals: variety while learning, then focus.</summary>
        public const double ColdStartSignals = 10;
        // Personalization off.
        public const double PlainPopularity = 0.6;
        public const double PlainFreshness = 0.4;
    }

    /// <summary>
    /// The exploration seed of one page: the same on every node and in every process for the same viewer state
    /// (HashCode.Combine is randomised per process), so a page can be reproduced, and the quality harness with it.
    /// </summary>
    public static int SeedFor(Guid viewer, int served, int signals)
    {
        var hash = 17L;
        foreach (var b in viewer.ToByteArray()) hash = hash * 31 + b;
        return (int)((hash * 31 + served) * 31 + signals);
    }

    public static IReadOnlyList<RankedItem> Rank(IReadOnlyList<FeedCandidate> candidates, ViewerTaste taste, int count, DateTimeOffset now, int seed,
        RankingTuning? tuning = null)
    {
        var maxPopularity = candidates.Count == 0 ? 1 : Math.Max(1e-9, candidates.Max(c => c.Popularity));
        var scored = candidates.DistinctBy(c => c.VideoId).Select(c => Score(c, taste, maxPopularity, now, tuning)).OrderByDescending(i => i.Score)
            .ThenBy(i => i.Candidate.VideoId).ToList();
        if (!taste.Personalized) return Diversify(scored, count);

        // Exploration: a fixed share of the page comes from fresh candidates outside the top, drawn with a seeded
        // shuffle (stable for one page request, different for the next).
        var explorationSlots = (int)Math.Round(count * Weights.ExplorationShare);
        var random = new Random(seed);
        var explore = scored.Where(i => i.Candidate.Exploration).Skip(count).OrderBy(_ => random.Next()).Take(explorationSlots)
            .Select(i => i with { Reasons = [FeedReason.Exploration] }).ToList();
        var exploit = scored.Where(i => explore.All(e => e.Candidate.VideoId != i.Candidate.VideoId)).ToList();
        var redundancy = Weights.Redundancy * Weights.ColdStartSignals / (Weights.ColdStartSignals + taste.Signals);
        var page = Diversify(exploit, count - explore.Count, redundancy).ToList();
        // Interleave exploration evenly through the page rather than at the end.
        for (var k = 0; k < explore.Count; k++) page.Insert(Math.Min(page.Count, (k + 1) * count / (explore.Count + 1)), explore[k]);
        return page;
    }

    public static RankedItem Score(FeedCandidate c, ViewerTaste taste, double maxPopularity, DateTimeOffset now, RankingTuning? tuning = null)
    {
        tuning ??= RankingTuning.Published;
        var parts = new List<ScorePart>();
        var reasons = new List<FeedReason>();
        var popularity = Math.Log(1 + c.Popularity) / Math.Log(1 + maxPopularity);
        var freshness = Math.Pow(0.5, Math.Max(0, (now - c.PublishedAt).TotalHours) / Weights.FreshnessHalfLifeHours);
        if (!taste.Personalized)
        {
            parts.Add(new("popularity", Weights.PlainPopularity * popularity));
            parts.Add(new("freshness", Weights.PlainFreshness * freshness));
            reasons.Add(popularity >= freshness ? FeedReason.Popular : FeedReason.Recent);
            return new RankedItem(c, parts.Sum(p => p.Value), parts, reasons);
        }

        var interest = InterestModel.Cosine(taste.Interest, c.Vector);
        if (!taste.KnowsLikes) interest = Math.Min(0, interest);
        if (taste.Interest is not null) parts.Add(new("interest", tuning.Interest * Weights.Interest * interest));
        if (interest > 0.25) reasons.Add(FeedReason.SimilarToInterests);
        if (taste.Assistant is not null)
        {
            var assistant = InterestModel.Cosine(taste.Assistant, c.Vector);
            parts.Add(new("assistant", Weights.Assistant * assistant));
            if (assistant > 0.25) reasons.Add(FeedReason.AssistantTopics);
        }
        if (c.FromFollow) { parts.Add(new("follow", Weights.Follow)); reasons.Add(FeedReason.FollowedCreator); }
        if (c.FriendCameo) { parts.Add(new("friendCameo", Weights.FriendCameo)); reasons.Add(FeedReason.FriendInCameo); }
        if (taste.Affinity.TryGetValue(c.AuthorId, out var affinity) && affinity != 0)
        {
            // Affinity agrees with the content, never overrides it: a creator liked for one topic does not lift their
            // video on a topic the viewer swipes away (its interest cosine is low or negative), and a creator the
            // viewer keeps swiping away is not pushed down where their video is on the viewer's taste.
            var lift = Math.Tanh(affinity / 3);
            var agreement = Math.Clamp((interest - tuning.AffinityFloor) / (tuning.AffinityAgreement - tuning.AffinityFloor), 0, 1);
            var gate = !tuning.GateAffinity ? 1 : lift > 0 ? agreement : 1 - agreement;
            if (gate > 0) parts.Add(new("affinity", tuning.Affinity * Weights.Affinity * lift * gate));
        }
        if (c.TrendingRank is { } rank)
        {
            parts.Add(new("trending", Weights.Trending / (1 + rank / 10.0)));
            reasons.Add(FeedReason.TrendingInRegion);
        }
        parts.Add(new("popularity", Weights.Popularity * popularity));
        parts.Add(new("freshness", Weights.Freshness * freshness));
        if (taste.SeeLessAuthors.Contains(c.AuthorId)) parts.Add(new("seeLess", Weights.SeeLess));
        if (reasons.Count == 0) reasons.Add(popularity >= freshness ? FeedReason.Popular : FeedReason.Recent);
        return new RankedItem(c, parts.Sum(p => p.Value), parts, reasons);
    }

    /// <summary>
    /// Greedy re-rank in passes: first never the same author twice in a row and at most <see cref="Weights.MaxPerAuthor"/>
    /// per page; when that leaves the page short, the per-author cap is relaxed; last, a run of two is allowed (only
    /// when one author is all that is left). Longer runs never happen. With a <paramref name="redundancy"/> weight, each
    /// pick also pays redundancy × its highest cosine with what the page already holds (maximal marginal relevance),
    /// shown as the "redundancy" score part: a new viewer's page spans several kinds of video, so the first swipes
    /// teach more.
    /// </summary>
    public static IReadOnlyList<RankedItem> Diversify(IReadOnlyList<RankedItem> ranked, int count, double redundancy = 0)
    {
        var page = new List<RankedItem>(count);
        var perAuthor = new Dictionary<Guid, int>();
        var pending = ranked.OrderByDescending(i => i.Score).ToList();
        foreach (var (perAuthorCap, maxRun) in new[] { (Weights.MaxPerAuthor, 1), (int.MaxValue, 1), (int.MaxValue, 2) })
        {
            while (page.Count < count && pending.Count > 0)
            {
                var (best, bestValue, bestPenalty) = (-1, double.NegativeInfinity, 0.0);
                for (var k = 0; k < pending.Count && pending[k].Score > bestValue; k++)
                {
                    var item = pending[k];
                    if (perAuthor.GetValueOrDefault(item.Candidate.AuthorId) >= perAuthorCap || Run(page, item.Candidate.AuthorId) >= maxRun) continue;
                    var penalty = redundancy > 0 && page.Count > 0
                        ? redundancy * Math.Max(0, page.Max(p => InterestModel.Cosine(p.Candidate.Vector, item.Candidate.Vector))) : 0;
                    if (item.Score - penalty > bestValue) (best, bestValue, bestPenalty) = (k, item.Score - penalty, penalty);
                }
                if (best < 0) break;
                var chosen = pending[best];
                pending.RemoveAt(best);
                if (bestPenalty > 0) chosen = chosen with { Score = chosen.Score - bestPenalty, Parts = [.. chosen.Parts, new ScorePart("redundancy", -bestPenalty)] };
                page.Add(chosen);
                perAuthor[chosen.Candidate.AuthorId] = perAuthor.GetValueOrDefault(chosen.Candidate.AuthorId) + 1;
            }
        }
        return page;
    }

    private static int Run(List<RankedItem> page, Guid author)
    {
        var run = 0;
        for (var i = page.Count - 1; i >= 0 && page[i].Candidate.AuthorId == author; i--) run++;
        return run;
    }
}
