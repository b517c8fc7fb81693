using System.Diagnostics;
using Sora.Domain.Feed;
using Sora.Domain.Text;
using Sora.GraphQL.Schema.Feed;
using Sora.Projections.Feed;

namespace Sora.Bench.Feed;

/// <summary>
/// ./sora bench feed-quality [--embedder=lexical,sentence] [--scenario=outside,large,consistent,keywords] [--viewers=N]
/// [--ablation] [--agreement=…]. Simulated viewers swipe through For You (the production ranker and the production profile fold,
/// candidates gathered the way <see cref="FeedService"/> gathers them) and through three baselines: a random draw
/// from the unseen videos, popularity (most engaged first) and chronological (newest first). Each viewer swipes every
/// feed with the same dice, so the feeds differ only in what they serve. The score is the share of the page served
/// after 0, 10 and 50 interactions that is in the viewer's liked theme.
///
/// The scenarios (all seeded, so a run repeats exactly):
///  - outside: the check made through the API. 60 published videos on 6 themes written in varied words, by 12
///    creators who post across themes; each viewer watches every video of one theme to the end and likes it, and
///    swipes the rest away. 60 videos run out by 50 interactions, so its checkpoints are 0, 10 and 20;
///  - large: the same properties at 3,000 videos by 600 creators, checkpoints 0, 10 and 50;
///  - consistent: as large, but each creator posts 90% in a home theme (where author affinity should help);
///  - keywords: the first catalog (40 keyword topics shared by every prompt of a topic, Zipf appeal, viewers liking
///    one to three topics with noisy swipes): the "easier catalogue" of the earlier figures.
/// The embedder is a parameter: every scenario runs once per embedder, the catalog and the dice unchanged.
/// --ablation adds For You with author affinity off, with content (interest similarity) off, and with the old,
/// ungated affinity, which is how the causes were measured; --agreement=0:0.25,0.15:0.35 adds For You with other
/// interest cosines at which a creator's affinity lift starts and is whole (FeedRanker.Weights.AffinityFloor and
/// AffinityAgreement). In memory, with no database: the point is the ranking,
/// and the latency benchmark (./sora bench feed) covers the queries.
/// </summary>
public static class FeedQualityBenchmark
{
    private const int PageSize = 10;

    private sealed record Scenario(string Key, string Title, Func<Vocabulary> Vocabulary, int Videos, int Creators, double HomeShare,
        bool RoundRobin, int[] Checkpoints, bool Decided);

    private sealed record Variant(string Name, RankingTuning Tuning);

    private static readonly Scenario[] Scenarios =
    [
        new("outside", "60 videos on 6 themes in varied words, 12 creators posting across themes", () => new PhrasedThemes(), 60, 12, 0, true, [0, 10, 20], true),
        new("large", "3,000 videos on 6 themes in varied words, 600 creators posting across themes", () => new PhrasedThemes(), 3_000, 600, 0, false, [0, 10, 50], true),
        new("consistent", "3,000 videos on 6 themes in varied words, 600 creators posting 90% in a home theme", () => new PhrasedThemes(), 3_000, 600, 0.9, false, [0, 10, 50], true),
        new("keywords", "30,000 videos on 40 keyword topics, 2,000 creators posting 85% in a home topic (the first catalog)", () => new KeywordTopics(), 30_000, 2_000, 0.85, false, [0, 10, 50], false),
    ];

    public static Task RunAsync(string[] args)
    {
        string? Option(string name) => args.FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];
        var embedderNames = (Option("embedder") ?? string.Join(',', Embedders.Available)).Split(',');
        var scenarios = (Option("scenario") ?? "outside,large,consistent").Split(',')
            .Select(k => Scenarios.SingleOrDefault(s => s.Key == k) ?? throw new ArgumentException($"unknown scenario '{k}'")).ToList();
        var viewers = int.Parse(Option("viewers") ?? "600");
        var variants = new List<Variant> { new("For You", RankingTuning.Published) };
        if (args.Contains("--ablation"))
            variants.AddRange([
                new("For You, no affinity", RankingTuning.Published with { Affinity = 0 }),
                new("For You, no content", RankingTuning.Published with { Interest = 0, GateAffinity = false }),
                new("For You, ungated affinity", RankingTuning.Published with { GateAffinity = false }),
            ]);

        // --agreement=0:0.25,0.15:0.35: For You with other cosines at which the affinity lift starts and is whole
        // (how the published ones were chosen).
        foreach (var pair in (Option("agreement") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':').Select(double.Parse).ToArray()))
            variants.Add(new($"For You, affinity from {pair[0]:0.00} to {pair[1]:0.00}", RankingTuning.Published with { AffinityFloor = pair[0], AffinityAgreement = pair[1] }));

        var summary = new List<string>();
        foreach (var scenario in scenarios)
        foreach (var name in embedderNames)
        {
            var embedder = Embedders.Create(name);
            var ratios = Run(scenario, name, embedder, viewers, variants);
            summary.Add($"| {scenario.Key} | {name} | " + string.Join(" | ", ratios.Select(r => $"{r:0.00}x")) + $" | {string.Join("/", scenario.Checkpoints)} |");
        }
        Console.WriteLine();
        Console.WriteLine("For You / the better baseline, at each checkpoint:");
        Console.WriteLine("| scenario | embedder | first | second | third | checkpoints |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var line in summary) Console.WriteLine(line);
        return Task.CompletedTask;
    }

    private static double[] Run(Scenario scenario, string embedderName, IPromptEmbedder embedder, int viewers, IReadOnlyList<Variant> variants)
    {
        var clock = Stopwatch.StartNew();
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var catalog = new SyntheticCatalog(scenario.Videos, scenario.Creators, seed: 42, now, embedder, scenario.Vocabulary(), scenario.HomeShare, scenario.RoundRobin);
        var index = new CatalogIndex(catalog);
        var (same, across) = TopicCosines(catalog);
        Console.WriteLine();
        Console.WriteLine($"## {scenario.Key}, {embedderName} embedder: {scenario.Title}; {viewers:N0} viewers");
        Console.WriteLine($"Content vectors: mean cosine {same:0.00} within a topic, {across:0.00} across topics " +
                          $"(catalog embedded in {clock.Elapsed.TotalSeconds:0.0} s)");

        string[] baselines = ["Random (unseen)", "Popularity", "Chronological"];
        // The most a page can hold, on For You's own session: the liked videos it has not yet served, up to a page.
        // A small catalog runs out: after 20 interactions For You has shown most of a theme's 10 videos.
        var ceiling = new double[scenario.Checkpoints.Length];
        // Mean interest cosine of the unseen videos on the liked theme and off it: what the content part can tell apart.
        var separation = new (double On, double Off)[scenario.Checkpoints.Length];
        var feeds = variants.Select(v => v.Name).Concat(baselines).ToArray();
        var checkpoints = scenario.Checkpoints;
        var hits = new double[feeds.Length, checkpoints.Length];
        var gate = new object();
        clock.Restart();
        Parallel.For(0, viewers, u =>
        {
            // Decided viewers like the themes in turn, so every theme has as many fans and a page that is the same
            // for everyone scores exactly the random share.
            var taste = scenario.Decided
                ? HiddenTaste.OneTopic(u % catalog.TopicCount, catalog.TopicCount)
                : HiddenTaste.Draw(new Random(1_000_003 * (u + 1)), catalog.Appeal);
            var local = new double[feeds.Length, checkpoints.Length];
            var ceilings = new double[checkpoints.Length];
            var separations = new (double On, double Off)[checkpoints.Length];
            for (var f = 0; f < feeds.Length; f++)
            {
                var session = new SimSession(SyntheticCatalog.AuthorIdFor(catalog.Creators + u), taste, new Random(u));
                var draw = new Random(7 * u + 1);
                for (var served = 0; served <= checkpoints[^1]; served += PageSize)
                {
                    var page = (f - variants.Count) switch
                    {
                        < 0 => index.ForYou(session, now, variants[f].Tuning),
                        0 => index.RandomDraw(session, draw),
                        1 => index.Popular(session),
                        _ => index.Chronological(session),
                    };
                    var checkpoint = Array.IndexOf(checkpoints, served);
                    if (checkpoint >= 0)
                        local[f, checkpoint] = f == variants.Count ? index.UnseenShare(session, taste) : taste.HitRate(page, catalog);
                    if (checkpoint >= 0 && f == 0) ceilings[checkpoint] = index.Ceiling(session, taste, PageSize);
                    if (checkpoint >= 0 && f == 0) separations[checkpoint] = Separation(session, taste, catalog);
                    foreach (var video in page) session.Swipe(catalog.Videos[video], now);
                }
            }
            lock (gate)
                for (var f = 0; f < feeds.Length; f++)
                for (var c = 0; c < checkpoints.Length; c++)
                    hits[f, c] += local[f, c];
            lock (gate)
                for (var c = 0; c < checkpoints.Length; c++)
                    (ceiling[c], separation[c]) = (ceiling[c] + ceilings[c], (separation[c].On + separations[c].On, separation[c].Off + separations[c].Off));
        });

        Console.WriteLine($"Share of the page in a liked theme (hit-rate@{PageSize}); {viewers * feeds.Length:N0} sessions in {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine();
        Console.WriteLine("| feed | " + string.Join(" | ", checkpoints.Select(c => $"after {c}")) + " |");
        Console.WriteLine("|---|" + string.Concat(checkpoints.Select(_ => "---|")));
        for (var f = 0; f < feeds.Length; f++)
            Console.WriteLine($"| {feeds[f]} | " + string.Join(" | ", checkpoints.Select((_, c) => $"{hits[f, c] / viewers:0.000}")) + " |");
        Console.WriteLine($"| (most a For You page could hold) | " + string.Join(" | ", checkpoints.Select((_, c) => $"{ceiling[c] / viewers:0.000}")) + " |");
        Console.WriteLine($"| (interest cosine, unseen on / off the liked theme) | " +
                          string.Join(" | ", checkpoints.Select((_, c) => $"{separation[c].On / viewers:0.00} / {separation[c].Off / viewers:0.00}")) + " |");
        var best = checkpoints.Select((_, c) => Enumerable.Range(variants.Count, baselines.Length).Max(f => hits[f, c])).ToArray();
        for (var v = 0; v < variants.Count; v++)
            Console.WriteLine($"| {variants[v].Name} / better baseline | " + string.Join(" | ", checkpoints.Select((_, c) => $"**{hits[v, c] / best[c]:0.00}x**")) + " |");
        return checkpoints.Select((_, c) => hits[0, c] / best[c]).ToArray();
    }

    private static (double On, double Off) Separation(SimSession session, HiddenTaste taste, SyntheticCatalog catalog)
    {
        if (session.Profile.Interest.Length == 0) return (0, 0);
        var unseen = catalog.Videos.Where(v => !session.Seen.Contains(v.Index)).ToList();
        double Mean(IEnumerable<SimVideo> videos) => videos.Select(v => InterestModel.Cosine(session.Profile.Interest, v.Vector)).DefaultIfEmpty().Average();
        return (Mean(unseen.Where(v => taste.Likes(v.Topic))), Mean(unseen.Where(v => !taste.Likes(v.Topic))));
    }

    /// <summary>Mean cosine between the content vectors of videos on one topic and on different topics (sampled pairs):
    /// how much of a topic the embedder sees.</summary>
    private static (double Same, double Across) TopicCosines(SyntheticCatalog catalog)
    {
        var random = new Random(3);
        var videos = catalog.Videos;
        var (same, sameCount, across, acrossCount) = (0.0, 0, 0.0, 0);
        for (var k = 0; k < 20_000; k++)
        {
            var (a, b) = (videos[random.Next(videos.Count)], videos[random.Next(videos.Count)]);
            if (a.Index == b.Index) continue;
            var cosine = InterestModel.Cosine(a.Vector, b.Vector);
            if (a.Topic == b.Topic) (same, sameCount) = (same + cosine, sameCount + 1);
            else (across, acrossCount) = (across + cosine, acrossCount + 1);
        }
        return (same / Math.Max(1, sameCount), across / Math.Max(1, acrossCount));
    }
}

/// <summary>The prompt embedders the harness can compare, by name.</summary>
public static class Embedders
{
    public static readonly string[] Available = ["lexical", "sentence"];

    public static IPromptEmbedder Create(string name) => name switch
    {
        "lexical" => new LexicalPromptEmbedder(),
        // The production sentence model (all-MiniLM-L6-v2), on CUDA when there is one.
        "sentence" => new Sora.Render.Models.SentenceEmbedder(new Sora.Render.Models.ModelOptions()),
        _ => throw new ArgumentException($"unknown embedder '{name}' (available: {string.Join(", ", Available)})"),
    };
}
