using System.Diagnostics;
using System.Net.Http.Headers;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Sora.Bench.Api;
using Sora.Domain.Feed;
using Sora.Domain.Text;
using Sora.GraphQL.Schema.Feed;
using Sora.Projections.Feed;

namespace Sora.Bench.Feed;

/// <summary>
/// ./sora bench feed [videos users views] [--reload] [--seconds=N] [--pages-only] [--ingest-only] [--rebuild-only]. Loads the population once
/// (1,000,000 videos, 100,000 users, 10,000,000 views by default; kept in its own schema and reused while the scale
/// matches), then measures with the production host:
///  1. pages of 20 (For You at one and four clients, Following, Trending, For You for viewers at the seen bound, and
///     For You and searchVideos through GraphQL over HTTP), next to the cheapest read a page makes (the viewer's
///     profile by primary key) as the in-run baseline, with the CPU each page cost the host and PostgreSQL;
///  2. view ingest through the production path (ViewIngest's group commit, seen rows and profile folds included) next to
///     raw Npgsql binary COPY of the same rows into a plain table;
///  3. the VideoStats projection rebuilt by Marten's daemon, in events per second, next to a raw read of the same rows.
/// The async daemon is off: the loaded read models are already current, and a catching-up daemon would measure
/// itself instead of the feed.
/// </summary>
public static class FeedLatencyBenchmark
{
    public const string Schema = "sora_bench_feed";
    private static TimeSpan Duration = TimeSpan.FromSeconds(20);
    private const int IngestViews = 30_000, Producers = 500;

    public static async Task RunAsync(string[] args)
    {
        var numbers = args.Where(a => !a.StartsWith("--")).Select(long.Parse).ToArray();
        // --seconds=N: a shorter run per figure while iterating (the default of 20 s keeps p99 steady).
        if (args.FirstOrDefault(a => a.StartsWith("--seconds=")) is { } seconds) Duration = TimeSpan.FromSeconds(int.Parse(seconds["--seconds=".Length..]));
        var scale = new FeedScale(numbers.Length > 0 ? (int)numbers[0] : 1_000_000, numbers.Length > 1 ? (int)numbers[1] : 100_000,
            numbers.Length > 2 ? numbers[2] : 10_000_000);
        var (app, address) = BenchHost.Build(_ => { }, Schema, new Dictionary<string, string?> { ["Sora:Daemon"] = "Disabled" });
        await app.StartAsync();
        try
        {
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
            Console.WriteLine($"Feed latency benchmark: {Environment.ProcessorCount} cores; {scale.Videos:N0} videos, {scale.Users:N0} users, {scale.Views:N0} views");
            if (args.Contains("--reload") || !await LoadedAsync(dataSource, scale))
            {
                var clock = Stopwatch.StartNew();
                var catalog = new SyntheticCatalog(scale.Videos, scale.Creators, seed: 7, DateTimeOffset.UtcNow, new LexicalPromptEmbedder());
                await using (var unmark = dataSource.CreateCommand($"drop table if exists {Schema}.bench_feed_scale"))
                    await unmark.ExecuteNonQueryAsync(); // a load that dies half-way must not look complete
                Console.WriteLine($"Loading (catalog of {scale.Videos:N0} embedded prompts built in {clock.Elapsed.TotalSeconds:0} s)");
                await app.ResetAllMartenDataAsync(); // daemon paused around the reset (see ApiBenchmark)
                await FeedBulkLoad.RunAsync(store, dataSource, Schema, scale, catalog);
                await MarkLoadedAsync(dataSource, scale);
            }
            else Console.WriteLine("Population already loaded in schema " + Schema + " (pass --reload to load it again)");

            Console.WriteLine();
            if (args.Contains("--rebuild-only"))
            {
                await RebuildAsync(app.Services);
                return;
            }
            if (!args.Contains("--ingest-only")) await PagesAsync(app.Services, scale, address());
            if (args.Contains("--pages-only")) return;
            Console.WriteLine();
            await IngestAsync(app.Services, scale);
            if (args.Contains("--ingest-only")) return;
            Console.WriteLine();
            await RebuildAsync(app.Services);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task PagesAsync(IServiceProvider services, FeedScale scale, Uri address)
    {
        var feed = services.GetRequiredService<FeedService>();
        var store = services.GetRequiredService<IDocumentStore>();
        Task Page(FeedKind kind)
        {
            var user = Random.Shared.Next(scale.Users);
            return feed.PageAsync(FeedScale.UserId(user), kind, 20, null, FeedScale.RegionOf(user), CancellationToken.None);
        }
        async Task Profile()
        {
            await using var query = store.QuerySession();
            await query.LoadAsync<ViewerProfile>(FeedScale.UserId(Random.Shared.Next(scale.Users)));
        }

        Console.WriteLine($"Pages of 20 for random loaded users, {Duration.TotalSeconds:0} s per figure (each page also appends its feed_page_served event):");
        var baseline = await Measure("baseline: load the viewer profile", Profile, 1);
        var forYou = await Measure("For You (FeedService)", () => Page(FeedKind.ForYou), 1);
        await Measure("For You (FeedService)", () => Page(FeedKind.ForYou), 4);
        await Measure("Following (FeedService)", () => Page(FeedKind.Following), 1);
        await Measure("Trending (FeedService)", () => Page(FeedKind.Trending), 1);
        await HeavyViewersAsync(services, scale, feed);
        var (direct, http) = await GraphQLPagesAsync(services, scale, address);
        Console.WriteLine();
        Console.WriteLine($"Ratios: For You p50 / profile-load p50 {forYou.P50Ms / baseline.P50Ms:0}x; " +
                          $"GraphQL over HTTP / FeedService for the same accounts {http.P50Ms / direct.P50Ms:0.00}x at p50 ({http.P50Ms - direct.P50Ms:+0.0;-0.0} ms)");
    }

    /// <summary>
    /// Loaded users brought up to the seen-set bound (<see cref="SeenVideos.Keep"/> watched videos, of as many
    /// creators as that reaches): the seen anti-join and the author affinities are at their largest.
    /// </summary>
    private static async Task HeavyViewersAsync(IServiceProvider services, FeedScale scale, FeedService feed)
    {
        var ingest = services.GetRequiredService<ViewIngest>();
        var videos = await SampleVideosAsync(services, 20_000);
        var random = new Random(5);
        var users = Enumerable.Range(0, 8).Select(_ => random.Next(scale.Users)).Distinct().ToArray();
        foreach (var user in users)
        {
            var id = FeedScale.UserId(user);
            foreach (var chunk in Enumerable.Range(0, SeenVideos.Keep).Select(_ => View(id, videos[random.Next(videos.Length)], random)).Chunk(ViewIngest.MaxBatch))
                await ingest.WriteAsync(chunk, CancellationToken.None);
        }
        await Measure($"For You (FeedService, {SeenVideos.Keep:N0} seen)", () =>
        {
            var user = users[Random.Shared.Next(users.Length)];
            return feed.PageAsync(FeedScale.UserId(user), FeedKind.ForYou, 20, null, FeedScale.RegionOf(user), CancellationToken.None);
        }, 1);
    }

    /// <summary>The same page through the API: signed-up accounts with a loaded history's worth of views.</summary>
    private static async Task<(LoadResult Direct, LoadResult Http)> GraphQLPagesAsync(IServiceProvider services, FeedScale scale, Uri address)
    {
        var feed = services.GetRequiredService<FeedService>();
        var accounts = new List<Guid>();
        using var http = new HttpClient { BaseAddress = address };
        var ingest = services.GetRequiredService<ViewIngest>();
        var videos = await SampleVideosAsync(services, 2_000);
        var tokens = new List<string>();
        var random = new Random(11);
        for (var i = 0; i < 8; i++)
        {
            var (id, token) = await ApiBenchmark.SignUpAsync(http, $"feed_bench_{Guid.NewGuid():N}"[..24]);
            tokens.Add(token);
            accounts.Add(id);
            var history = Enumerable.Range(0, (int)(scale.Views / scale.Users)).Select(k => View(id, videos[random.Next(videos.Length)], random)).ToList();
            await ingest.WriteAsync(history, CancellationToken.None);
        }
        // These accounts follow nobody, so their pages gather fewer candidates than the loaded users': the fair
        // comparison is the service for the same accounts.
        var direct = await Measure("For You (FeedService, same accounts)", () =>
            feed.PageAsync(accounts[Random.Shared.Next(accounts.Count)], FeedKind.ForYou, 20, null, null, CancellationToken.None), 1);
        async Task Post(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[Random.Shared.Next(tokens.Count)]);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            // An empty list would time a page that did no work: every measured request must return items.
            if (!response.IsSuccessStatusCode || text.Contains("\"errors\"") || text.Contains("[]")) throw new InvalidOperationException($"GraphQL call failed or came back empty: {text}");
        }
        const string feedQuery = """{"query":"{ feed(kind: FOR_YOU, first: 20) { items { video { id prompt } score reasons } endReason } }"}""";
        var overHttp = await Measure("For You (GraphQL over HTTP)", () => Post(feedQuery), 1);
        // One topic word: each matches some 2-5% of the catalog, newest 20 first.
        var words = KeywordTopics.Topics.SelectMany(t => t).Distinct().ToArray();
        await Measure("searchVideos, 20 (GraphQL over HTTP)", () =>
            Post($$"""{"query":"{ searchVideos(query: \"{{words[Random.Shared.Next(words.Length)]}}\", first: 20) { edges { node { id prompt } } } }"}"""), 1);
        return (direct, overHttp);
    }

    private static async Task IngestAsync(IServiceProvider services, FeedScale scale)
    {
        var ingest = services.GetRequiredService<ViewIngest>();
        var store = services.GetRequiredService<IDocumentStore>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var videos = await SampleVideosAsync(services, 5_000);
        var random = new Random(3);
        var views = Enumerable.Range(0, IngestViews).Select(_ => View(FeedScale.UserId(random.Next(scale.Users)), videos[random.Next(videos.Length)], random)).ToArray();

        Console.WriteLine($"View ingest: {IngestViews:N0} views of random loaded users, {Producers} concurrent recordView callers");
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(async w =>
        {
            for (var i = w; i < views.Length; i += Producers) await ingest.RecordAsync(views[i], CancellationToken.None);
        }));
        var marten = IngestViews / clock.Elapsed.TotalSeconds;

        // The same rows (event id, stream, version, JSON body, type, time) copied raw into a plain table.
        await using (var setup = dataSource.CreateCommand($"drop table if exists {Schema}.raw_views; create table {Schema}.raw_views " +
                                                          "(seq bigserial primary key, id uuid not null, stream_id uuid not null, version bigint not null, " +
                                                          "data jsonb not null, type varchar(500) not null, timestamp timestamptz not null)"))
            await setup.ExecuteNonQueryAsync();
        var serializer = store.Options.Serializer();
        var bodies = views.Select(v => serializer.ToJson(v)).ToArray();
        // The median of three copies: one takes a fraction of a second, and a single one varied two-fold between runs.
        var copies = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            await using (var truncate = dataSource.CreateCommand($"truncate {Schema}.raw_views")) await truncate.ExecuteNonQueryAsync();
            clock.Restart();
            await using (var connection = await dataSource.OpenConnectionAsync())
            await using (var copy = await connection.BeginBinaryImportAsync($"copy {Schema}.raw_views (id, stream_id, version, data, type, timestamp) from stdin (format binary)"))
            {
                var version = 0L;
                for (var i = 0; i < views.Length; i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(ActivityStreams.For(views[i].ViewerId), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(++version, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(bodies[i], NpgsqlDbType.Jsonb);
                    await copy.WriteAsync("video_viewed", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(views[i].At, NpgsqlDbType.TimestampTz);
                }
                await copy.CompleteAsync();
            }
            copies.Add(clock.Elapsed.TotalSeconds);
        }
        var raw = IngestViews / copies.Order().ElementAt(1);
        Console.WriteLine($"  production ingest {marten,8:N0} views/s   raw Npgsql COPY {raw,9:N0} rows/s (median of 3)   ratio {marten / raw:0.000}   (goal: at least 0.15)");
        Console.WriteLine("  (production: per batch, the viewers' locks, the events and stream versions in one statement, the profiles'");
        Console.WriteLine("   fold marks, the seen rows, and the commit, two batches at a time; COPY: the event rows alone, no index but the key)");
    }

    /// <summary>
    /// VideoStats rebuilt from every event it reads (the loaded views and the ingest's), through Marten's projection
    /// daemon as an operator's rebuild runs it, next to reading the same event rows raw (the floor any rebuild pays).
    /// </summary>
    private static async Task RebuildAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        string[] types = ["video_viewed", "video_liked", "video_unliked", "video_shared", "comment_posted", "comment_deleted", "generation_requested"];
        var clock = Stopwatch.StartNew();
        long events = 0;
        await using (var read = dataSource.CreateCommand($"select data from {Schema}.mt_events where type = any($1)"))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = types });
            read.CommandTimeout = 0;
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = reader.GetFieldValue<byte[]>(0);
                events++;
            }
        }
        var raw = events / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"Projection rebuild: VideoStats from {events:N0} events");
        using var daemon = await store.BuildProjectionDaemonAsync();
        clock.Restart();
        await daemon.RebuildProjectionAsync<VideoStatsProjection>(TimeSpan.FromHours(2), CancellationToken.None);
        var rebuild = events / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  rebuild {rebuild,9:N0} events/s ({clock.Elapsed.TotalSeconds:0} s)   raw read of the same rows {raw,9:N0} rows/s   ratio {rebuild / raw:0.00}   (goal: at least 50,000 events/s)");
    }

    private static VideoViewed View(Guid viewer, Guid video, Random random)
    {
        var completed = random.NextDouble() < 0.3;
        return new VideoViewed(viewer, video, completed ? 10_000 : random.Next(300, 5_000), 10_000, completed, FeedScale.Regions[random.Next(5)], DateTimeOffset.UtcNow);
    }

    private static async Task<Guid[]> SampleVideosAsync(IServiceProvider services, int count)
    {
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"select id from {Schema}.mt_doc_feedvideo order by random() limit {count}");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids.ToArray();
    }

    private static async Task<LoadResult> Measure(string name, Func<Task> send, int clients)
    {
        var cpu = CpuMeter.Start();
        var result = await Load.RunAsync(name, send, clients, Duration);
        var (host, postgres) = cpu.PerOperation(result.Requests + Load.WarmUp);
        Console.WriteLine($"  {name,-36} {clients} client(s)  {result.PerSecond,7:0}/s   p50 {result.P50Ms,6:0.0} ms   p99 {result.P99Ms,6:0.0} ms" +
                          $"   CPU each: host {host,5:0.0} ms, PostgreSQL {postgres,5:0.0} ms");
        return result;
    }

    private static async Task<bool> LoadedAsync(NpgsqlDataSource dataSource, FeedScale scale)
    {
        await using var command = dataSource.CreateCommand(
            $"select count(*) from information_schema.tables where table_schema = '{Schema}' and table_name = 'bench_feed_scale'");
        if ((long)(await command.ExecuteScalarAsync())! == 0) return false;
        await using var read = dataSource.CreateCommand($"select videos, users, views from {Schema}.bench_feed_scale");
        await using var reader = await read.ExecuteReaderAsync();
        return await reader.ReadAsync() && reader.GetInt32(0) == scale.Videos && reader.GetInt32(1) == scale.Users && reader.GetInt64(2) == scale.Views;
    }

    private static async Task MarkLoadedAsync(NpgsqlDataSource dataSource, FeedScale scale)
    {
        await using var command = dataSource.CreateCommand(
            $"drop table if exists {Schema}.bench_feed_scale; create table {Schema}.bench_feed_scale (videos int, users int, views bigint); " +
            $"insert into {Schema}.bench_feed_scale values ({scale.Videos}, {scale.Users}, {scale.Views})");
        await command.ExecuteNonQueryAsync();
    }
}
