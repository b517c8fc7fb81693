using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Npgsql;
using Sora.Domain.Accounts;
using Sora.Domain.Privacy;
using Sora.Domain.Social;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Composition;
using Sora.Projections.Social;

namespace Sora.Bench.Api;

/// <summary>
/// ./sora bench api. Two comparisons, each against a baseline run in the same process on the same database:
///  1. GraphQL requests (me; a 10-item followers page) next to minimal-API endpoints that authenticate the
///     same bearer token and read the same data through the same stores: the difference is GraphQL's cost.
///  2. Follow events appended through Marten (production configuration, inline projections included) next to
///     raw Npgsql inserts of the same rows into a plain table: the difference is the event store's cost.
/// </summary>
public static class ApiBenchmark
{
    private const int Workers = 16;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);
    private const int Followers = 50;

    /// <param name="only">"documents" runs only the hostile-document part, "appends" only the follow appends.</param>
    public static async Task RunAsync(string? only = null)
    {
        var (app, address) = BenchHost.Build(MapBaselineEndpoints);
        await app.StartAsync();
        try
        {
            // Through the host: the running async daemon is paused around the reset. A bare store reset under a running
            // daemon leaves it with progress marks the database no longer has (ProgressionProgressOutOfOrderException).
            await app.ResetAllMartenDataAsync();
            using var http = new HttpClient { BaseAddress = address() };
            var star = await SeedAsync(http);

            if (only == "documents")
            {
                await HostileDocuments.RunAsync(http, star, app.Services);
                return;
            }
            if (only == "appends")
            {
                await AppendsAsync(app.Services);
                return;
            }
            Console.WriteLine($"Sora API benchmark: {Environment.ProcessorCount} cores, {Workers} concurrent clients, {Duration.TotalSeconds:0} s per figure");
            Console.WriteLine();
            var me = await CompareAsync(http, star, "me",
                """{"query":"{ me { id handle displayName followerCount } }"}""", "/bench/me");
            var page = await CompareAsync(http, star, "followers page (10)",
                """{"query":"{ me { followers(first: 10) { edges { cursor node { handle } } } } }"}""", "/bench/followers");
            Console.WriteLine();
            await AppendsAsync(app.Services);

            Console.WriteLine();
            Console.WriteLine("Ratios (GraphQL / minimal API, higher is better, 1.00 = no overhead):");
            Console.WriteLine($"  me                  {me.GraphQL.PerSecond / me.Baseline.PerSecond:0.00}");
            Console.WriteLine($"  followers page (10) {page.GraphQL.PerSecond / page.Baseline.PerSecond:0.00}");
            Console.WriteLine();
            await HostileDocuments.RunAsync(http, star, app.Services);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Baselines: the same authentication and reads, serialized straight to JSON.</summary>
    private static void MapBaselineEndpoints(WebApplication app)
    {
        app.MapGet("/bench/me", async (HttpContext http, ViewerResolver viewers, IDocumentStore store, PersonalDataVault vault) =>
        {
            var auth = await viewers.ResolveAsync(ViewerResolver.BearerFrom(http.Request.Headers.Authorization), http.RequestAborted);
            if (auth.Viewer.AccountId is not { } id) return Results.Unauthorized();
            await using var session = store.QuerySession();
            var account = await session.LoadAsync<Account>(id, http.RequestAborted);
            var personal = await vault.OpenAsync<AccountPersonalData>(session, id, SignUpHandler.PersonalDataKind, http.RequestAborted);
            var stats = await session.LoadAsync<AccountStats>(id, http.RequestAborted);
            return Results.Json(new { me = new { id, handle = account!.Handle, displayName = personal?.DisplayName, followerCount = stats?.Followers ?? 0 } });
        });
        app.MapGet("/bench/followers", async (HttpContext http, ViewerResolver viewers, IDocumentStore store) =>
        {
            var auth = await viewers.ResolveAsync(ViewerResolver.BearerFrom(http.Request.Headers.Authorization), http.RequestAborted);
            if (auth.Viewer.AccountId is not { } id) return Results.Unauthorized();
            await using var session = store.QuerySession();
            var rows = await SocialQueries.PageAsync(session, SocialList.Followers, id, id, null, 11, http.RequestAborted);
            var accounts = (await session.LoadManyAsync<Account>(http.RequestAborted, rows.Select(r => r.AccountId).ToArray())).ToDictionary(a => a.Id);
            return Results.Json(new
            {
                edges = rows.Take(10).Select(r => new { cursor = r.Seq.ToString(), node = new { handle = accounts[r.AccountId].Handle } }),
            });
        });
    }

    private static async Task<string> SeedAsync(HttpClient http)
    {
        var star = await SignUpAsync(http, "bench_star");
        for (var i = 0; i < Followers; i++)
        {
            var fan = await SignUpAsync(http, $"bench_fan{i}");
            var follow = await GraphQLAsync(http, fan.Token,
                $$"""{"query":"mutation { follow(input: { accountId: \"{{star.Id}}\" }) { errors { code } } }"}""");
            follow.EnsureSuccessStatusCode();
        }
        return star.Token;
    }

    internal static async Task<(Guid Id, string Token)> SignUpAsync(HttpClient http, string handle)
    {
        var body = $$"""{"query":"mutation { signUp(input: { handle: \"{{handle}}\", email: \"{{handle}}@example.com\", password: \"a long bench password\", birthDate: \"1990-01-01\" }) { token account { id } } }"}""";
        using var response = await GraphQLAsync(http, null, body);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("signUp");
        return (Guid.Parse(json.GetProperty("account").GetProperty("id").GetString()!), json.GetProperty("token").GetString()!);
    }

    private static Task<HttpResponseMessage> GraphQLAsync(HttpClient http, string? token, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    private static async Task<(LoadResult GraphQL, LoadResult Baseline)> CompareAsync(HttpClient http, string token, string name, string query, string baselinePath)
    {
        async Task SendGraphQL()
        {
            using var response = await GraphQLAsync(http, token, query);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name}: HTTP {(int)response.StatusCode}");
        }

        async Task SendBaseline()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, baselinePath);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
        }

        var graphql = await Load.RunAsync($"GraphQL {name}", SendGraphQL, Workers, Duration);
        var baseline = await Load.RunAsync($"minimal API {name}", SendBaseline, Workers, Duration);
        Print(graphql);
        Print(baseline);
        return (graphql, baseline);
    }

    private static void Print(LoadResult r) =>
        Console.WriteLine($"  {r.Name,-32} {r.PerSecond,8:0} req/s   p50 {r.P50Ms,6:0.0} ms   p99 {r.P99Ms,6:0.0} ms");

    private static async Task AppendsAsync(IServiceProvider services)
    {
        const int events = 4000;
        const int writers = 8;
        var store = services.GetRequiredService<IDocumentStore>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await using (var setup = dataSource.CreateCommand(
            $"drop table if exists {BenchHost.Schema}.raw_follow_events; " +
            $"create table {BenchHost.Schema}.raw_follow_events (seq bigserial primary key, id uuid not null, stream_id uuid not null, " +
            "type varchar(500) not null, data jsonb not null, timestamp timestamptz not null default now())"))
            await setup.ExecuteNonQueryAsync();

        Console.WriteLine($"Appends: {events} follow events, {writers} concurrent writers");
        foreach (var batch in new[] { 1, 100 })
        {
            var marten = await TimeAsync(events, writers, batch, async rows =>
            {
                await using var session = store.LightweightSession();
                foreach (var e in rows) session.Events.StartStream<Relationship>(Relationship.IdFor(e.FollowerId, e.FolloweeId), e);
                await session.SaveChangesAsync();
            });
            var raw = await TimeAsync(events, writers, batch, async rows =>
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var tx = await connection.BeginTransactionAsync();
                await using var npgsqlBatch = new NpgsqlBatch(connection, tx);
                foreach (var e in rows)
                {
                    var command = new NpgsqlBatchCommand($"insert into {BenchHost.Schema}.raw_follow_events (id, stream_id, type, data) values ($1, $2, 'followed', $3::jsonb)");
                    command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
                    command.Parameters.Add(new NpgsqlParameter { Value = Relationship.IdFor(e.FollowerId, e.FolloweeId) });
                    command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(e) });
                    npgsqlBatch.BatchCommands.Add(command);
                }
                await npgsqlBatch.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            });
            Console.WriteLine($"  {batch,3} event(s)/transaction   Marten {marten,8:0} events/s   raw Npgsql {raw,8:0} rows/s   ratio {marten / raw:0.00}");
        }
        Console.WriteLine("  (Marten includes what a follow really costs: stream row, inline Relationship snapshot, follow-edge projection.)");
    }

    private static async Task<double> TimeAsync(int total, int writers, int batch, Func<IReadOnlyList<Followed>, Task> write)
    {
        var work = Enumerable.Range(0, total).Select(_ => new Followed(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow)).Chunk(batch).ToArray();
        await write(work[0]); // warm-up outside the clock
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < work.Length) await write(work[i]);
        }));
        return (work.Length - 1) * batch / clock.Elapsed.TotalSeconds;
    }
}
