using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Core;
using Sora.Domain.Feed;
using Sora.Domain.Generations;
using Sora.Domain.Text;
using Sora.Projections.Feed;
using Sora.Projections.Social;

namespace Sora.Bench.Feed;

/// <summary>The population the latency benchmark loads: how many of each, and the seeded catalog behind them.</summary>
public sealed record FeedScale(int Videos, int Users, long Views)
{
    public static readonly string[] Regions = ["GB", "SE", "US", "DE", "BR"];
    public const int FollowsPerUser = 10;
    public int Creators => Math.Max(10, Videos / 15);
    public static Guid UserId(int user) => new(user, 0x5eed, 0x0003, 0, 0, 0, 0, 0, 0, 0, 3);
    public static string RegionOf(int user) => Regions[user % Regions.Length];
}

/// <summary>
/// Loads the population with bulk COPY. View events go into the event store through Marten's bulk event insert
/// (COPY into mt_streams and mt_events, one activity stream per user, as production writes them). The read models
/// those views derive (viewer profiles, seen rows, video stats, trending) are computed by folding the same events with
/// the production projection code and bulk-inserted, because replaying 10 million events through the async daemon on
/// two cores would take longer than the benchmark itself. Videos and follows are loaded as their read models
/// (FeedVideo, Generation, FollowEdge): the feed and the API read those, never their events.
/// </summary>
public static class FeedBulkLoad
{
    private const int DurationMs = 10_000;
    private const int UsersPerChunk = 5_000;

    public static async Task RunAsync(IDocumentStore store, NpgsqlDataSource dataSource, string schema, FeedScale scale, SyntheticCatalog catalog)
    {
        var clock = Stopwatch.StartNew();
        // In publication order, as production writes them (a FeedVideo is inserted when its video is published): the
        // table's physical order then follows published_at, which the newest-first candidate scans rely on.
        var videos = catalog.Videos.OrderBy(v => v.PublishedAt).ToList();
        foreach (var chunk in videos.Chunk(100_000))
            await store.BulkInsertAsync(chunk.Select(v => new FeedVideo
            {
                Id = v.Id, AuthorId = SyntheticCatalog.AuthorIdFor(v.Author), AuthorHandle = $"creator{v.Author}", PublishedAt = v.PublishedAt,
                DurationSeconds = DurationMs / 1000, Prompt = v.Prompt, Vector = v.Vector, TopicKeys = v.TopicKeys,
            }).ToList(), BulkInsertMode.InsertsOnly, batchSize: 10_000);
        Console.WriteLine($"  {videos.Count:N0} visible videos (FeedVideo) in {clock.Elapsed.TotalSeconds:0} s");
        // The API's Video is the generation: GraphQL pages load it, and search matches its prompt.
        var generationClock = Stopwatch.StartNew();
        foreach (var chunk in videos.Chunk(50_000))
            await store.BulkInsertAsync(chunk.Select(PublishedGeneration).ToList(), BulkInsertMode.InsertsOnly, batchSize: 5_000);
        Console.WriteLine($"  {videos.Count:N0} published generations in {generationClock.Elapsed.TotalSeconds:0} s");

        // Each topic's videos, most popular first: people mostly watch what is popular within what they like.
        var byTopic = videos.GroupBy(v => v.Topic).ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.Popularity).ToArray());
        var stats = new Dictionary<Guid, VideoStats>();
        var trending = new Dictionary<string, TrendingEntry>();
        var (statsProjection, trendingProjection) = (new VideoStatsProjection(), new TrendingProjection());
        var viewsPerUser = (int)(scale.Views / scale.Users);
        long events = 0, follows = 0;
        var eventClock = new Stopwatch();
        for (var first = 0; first < scale.Users; first += UsersPerChunk)
        {
            var streams = new List<StreamAction>();
            var profiles = new List<ViewerProfile>();
            var seen = new Dictionary<(Guid Viewer, Guid Video), DateTimeOffset>();
            var edges = new List<FollowEdge>();
            foreach (var user in Enumerable.Range(first, Math.Min(UsersPerChunk, scale.Users - first)))
            {
                var random = new Random(user * 7919 + 17);
                var taste = HiddenTaste.Draw(random, catalog.Appeal);
                var id = FeedScale.UserId(user);
                var region = FeedScale.RegionOf(user);
                // Folded through every loaded view: the stream starts with exactly these.
                var profile = new ViewerProfile { Id = id, ActivityVersion = viewsPerUser };
                var at = catalog.Now.AddDays(-14);
                var step = TimeSpan.FromDays(14) / (viewsPerUser + 1);
                var views = new object[viewsPerUser];
                for (var k = 0; k < viewsPerUser; k++)
                {
                    var video = Pick(random, taste, catalog, byTopic);
                    var completed = random.NextDouble() < taste.Engagement(video.Topic);
                    at += step;
                    var view = new VideoViewed(id, video.Id, completed ? DurationMs : (int)(DurationMs * random.NextDouble() * 0.5), DurationMs,
                        completed, region, at);
                    views[k] = view;
                    seen[(id, video.Id)] = at;
                    ViewerProfileProjection.Fold(profile, view, new FeedVideo { Id = video.Id, AuthorId = SyntheticCatalog.AuthorIdFor(video.Author), Vector = video.Vector });
                    var e = new Event<VideoViewed>(view) { Timestamp = at };
                    stats[video.Id] = statsProjection.Evolve(stats.GetValueOrDefault(video.Id), video.Id, e);
                    foreach (var key in new[] { TrendingEntry.IdFor(TrendingEntry.Everywhere, video.Id), TrendingEntry.IdFor(region, video.Id) })
                        trending[key] = trendingProjection.Evolve(trending.GetValueOrDefault(key), key, e);
                }
                streams.Add(StreamAction.Start(((DocumentStore)store).Events, ActivityStreams.For(id), views));
                profiles.Add(profile);
                foreach (var followee in Enumerable.Range(0, FeedScale.FollowsPerUser).Select(_ => Pick(random, taste, catalog, byTopic).Author).Distinct())
                {
                    var creator = SyntheticCatalog.AuthorIdFor(followee);
                    edges.Add(new FollowEdge { Id = FollowEdge.IdFor(id, creator), FollowerId = id, FolloweeId = creator, Since = catalog.Now.AddDays(-30), Seq = ++follows });
                }
            }
            eventClock.Start();
            await store.BulkInsertEventsAsync(streams, batchSize: 50_000);
            eventClock.Stop();
            events += streams.Sum(s => s.Events.Count);
            await store.BulkInsertAsync(profiles, BulkInsertMode.InsertsOnly, batchSize: 5_000);
            await CopySeenAsync(dataSource, schema, seen);
            await store.BulkInsertAsync(edges, BulkInsertMode.InsertsOnly, batchSize: 10_000);
            Console.Write($"\r  {events:N0} view events ({events / eventClock.Elapsed.TotalSeconds:N0}/s through Marten's bulk COPY), {Math.Min(first + UsersPerChunk, scale.Users):N0} users");
        }
        Console.WriteLine();
        await store.BulkInsertAsync(stats.Values.ToList(), BulkInsertMode.InsertsOnly, batchSize: 10_000);
        foreach (var chunk in trending.Values.Chunk(200_000))
            await store.BulkInsertAsync(chunk, BulkInsertMode.InsertsOnly, batchSize: 10_000);
        Console.WriteLine($"  {stats.Count:N0} video stats, {trending.Count:N0} trending entries, {follows:N0} follows; vacuuming and analyzing");
        // VACUUM as well as ANALYZE: otherwise autovacuum works through the freshly loaded tables during the first
        // measurements and takes a core from them.
        await using (var analyze = dataSource.CreateCommand($"vacuum (analyze)"))
        {
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"  loaded in {clock.Elapsed.TotalMinutes:0.0} min");
    }

    private static Generation PublishedGeneration(SimVideo v) =>
        new(v.Id, SyntheticCatalog.AuthorIdFor(v.Author), $"creator{v.Author}", v.Prompt, DurationMs / 1000, VideoAspect.Portrait9x16,
            VideoResolution.Sd480, v.Index, null, null, [], 2, 0, 2, DateOnly.FromDateTime(v.PublishedAt.UtcDateTime), $"bench-{v.Index}", v.PublishedAt)
        {
            Stage = GenerationStage.Ready, Publication = Publication.Published, Width = 270, Height = 480, RenderedSeconds = DurationMs / 1000.0,
            Model = "sora-cppn-1", Provider = "cpu", ReadyAt = v.PublishedAt, PublishedAt = v.PublishedAt, UpdatedAt = v.PublishedAt,
        };

    /// <summary>The seen table (<see cref="SeenVideos"/>) the same views would have written, by binary COPY.</summary>
    private static async Task CopySeenAsync(NpgsqlDataSource dataSource, string schema, Dictionary<(Guid Viewer, Guid Video), DateTimeOffset> seen)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            $"copy {schema}.{SeenVideos.TableName} (viewer_id, video_id, seen_at) from stdin (format binary)");
        foreach (var ((viewer, video), at) in seen)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(viewer, NpgsqlDbType.Uuid);
            await copy.WriteAsync(video, NpgsqlDbType.Uuid);
            await copy.WriteAsync(at.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        }
        await copy.CompleteAsync();
    }

    /// <summary>Mostly a liked topic (else any, by appeal), then a video skewed towards that topic's popular ones.</summary>
    public static SimVideo Pick(Random random, HiddenTaste taste, SyntheticCatalog catalog, Dictionary<int, SimVideo[]> byTopic)
    {
        var topic = random.NextDouble() < 0.8 ? taste.DrawLiked(random) : SyntheticCatalog.Draw(random, catalog.Appeal);
        if (!byTopic.TryGetValue(topic, out var list)) return catalog.Videos[random.Next(catalog.Videos.Count)];
        return list[(int)(list.Length * Math.Pow(random.NextDouble(), 2.5))];
    }
}
