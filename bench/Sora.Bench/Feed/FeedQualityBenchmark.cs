using System.Diagnostics;
using Sora.Domain.Feed;
using Sora.Domain.Text;
using Sora.GraphQL.Schema.Feed;
using Sora.Projections.Feed;

namespace Sora.Bench.Feed;

/// <summary>
/// ./sora bench feed-quality [users] [videos]. A simulated population swipes through three feeds, each user once per
/// feed: For You (the production ranker and the production profile fold, candidates gathered the way
/// <see cref="FeedService"/> gathers them), a popularity feed and a chronological feed. Each user has a hidden
/// taste (one to three liked topics with weights); a video of a liked topic is engaged with (watched through, and
/// sometimes liked) with a probability that grows with the weight, anything else mostly swiped away. The page served
/// after 0, 10 and 50 interactions is scored against the hidden taste:
///  - hit-rate@10: the share of the 10 items in a topic the user likes;
///  - NDCG@10: gain = the topic's weight in the user's taste, normalised by the ideal page (ten of the favourite topic).
/// In memory, with no database: the point is the ranking, and the latency benchmark (./sora bench feed) covers the
/// queries. Seeded, so a run is reproducible.
/// </summary>
public static class FeedQualityBenchmark
{
    private const int PageSize = 10;
    private static readonly int[] Checkpoints = [0, 10, 50];
    private static readonly string[] Feeds = ["For You", "Popularity", "Chronological"];

    public static Task RunAsync(string[] args)
    {
        var users = args.Length > 0 ? int.Parse(args[0]) : 3_000;
        var videos = args.Length > 1 ? int.Parse(args[1]) : 30_000;
        var clock = Stopwatch.StartNew();
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var catalog = new SyntheticCatalog(videos, creators: Math.Max(10, videos / 15), seed: 42, now, new LexicalPromptEmbedder());
        var index = new CatalogIndex(catalog);
        Console.WriteLine($"Feed quality: {users:N0} simulated users (hidden taste over {catalog.TopicCount} topics), {videos:N0} videos by " +
                          $"{catalog.Creators:N0} creators, pages of {PageSize}; catalog built in {clock.Elapsed.TotalSeconds:0.0} s");

        // [feed, checkpoint] sums of hit-rate and NDCG over users.
        var hits = new double[Feeds.Length, Checkpoints.Length];
        var ndcg = new double[Feeds.Length, Checkpoints.Length];
        var gate = new object();
        clock.Restart();
        Parallel.For(0, users, u =>
        {
            var taste = HiddenTaste.Draw(new Random(1_000_003 * (u + 1)), catalog.Appeal);
            var local = new (double Hit, double Ndcg)[Feeds.Length, Checkpoints.Length];
            for (var f = 0; f < Feeds.Length; f++)
            {
                // Same user, same swiping dice for each feed: the feeds differ only in what they serve.
                var session = new SimSession(SyntheticCatalog.AuthorIdFor(catalog.Creators + u), taste, new Random(u));
                for (var served = 0; served <= Checkpoints[^1]; served += PageSize)
                {
                    var page = f switch
                    {
                        0 => index.ForYou(session, now),
                        1 => index.Popular(session),
                        _ => index.Chronological(session),
                    };
                    var checkpoint = Array.IndexOf(Checkpoints, served);
                    if (checkpoint >= 0) local[f, checkpoint] = (taste.HitRate(page, catalog), taste.Ndcg(page, catalog));
                    foreach (var video in page) session.Swipe(catalog.Videos[video], now);
                }
            }
            lock (gate)
                for (var f = 0; f < Feeds.Length; f++)
                for (var c = 0; c < Checkpoints.Length; c++)
                    (hits[f, c], ndcg[f, c]) = (hits[f, c] + local[f, c].Hit, ndcg[f, c] + local[f, c].Ndcg);
        });

        Console.WriteLine($"Simulated {users * Feeds.Length:N0} sessions of {Checkpoints[^1] + PageSize} swipes in {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine();
        Console.WriteLine($"{"",-15}" + string.Concat(Checkpoints.Select(c => $"{"after " + c,-18}")));
        Console.WriteLine($"{"",-15}" + string.Concat(Checkpoints.Select(_ => $"{"HR@10",-8}{"NDCG@10",-10}")));
        for (var f = 0; f < Feeds.Length; f++)
            Console.WriteLine($"{Feeds[f],-15}" + string.Concat(Checkpoints.Select((_, c) => $"{hits[f, c] / users,-8:0.000}{ndcg[f, c] / users,-10:0.000}")));
        Console.WriteLine();
        Console.WriteLine("Ratios, For You / the better baseline (above 1.00: For You is better):");
        for (var c = 0; c < Checkpoints.Length; c++)
        {
            var bestHit = Math.Max(hits[1, c], hits[2, c]);
            var bestNdcg = Math.Max(ndcg[1, c], ndcg[2, c]);
            Console.WriteLine($"  after {Checkpoints[c],2} interactions   HR@10 {hits[0, c] / bestHit:0.00}x   NDCG@10 {ndcg[0, c] / bestNdcg:0.00}x");
        }
        return Task.CompletedTask;
    }
}
