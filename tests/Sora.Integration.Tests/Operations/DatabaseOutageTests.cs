using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Marten;
using Sora.Domain.Feed;
using Sora.Integration.Tests.Support;
using Sora.Projections.Social;
using Xunit;

namespace Sora.Integration.Tests.Operations;

/// <summary>
/// PostgreSQL is stopped (fast shutdown) and started again while clients post views, likes, comments and generation
/// requests. Nothing acknowledged is lost; the outage is answered with the typed, retryable SERVICE_UNAVAILABLE;
/// readiness goes down and up again; the async daemon and the render queue resume by themselves.
/// </summary>
public sealed class DatabaseOutageTests(AppFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IntegrationTest(fixture)
{
    private static async Task SoraAsync(string command)
    {
        var root = Environment.GetEnvironmentVariable("SORA_ROOT")!;
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "sora"), command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"./sora {command}: {await output}");
    }

    private sealed class Load
    {
        public readonly ConcurrentBag<Guid> Comments = [];
        public readonly ConcurrentBag<Guid> Liked = [];
        public readonly ConcurrentBag<Guid> Generations = [];
        public int Views;
        public readonly ConcurrentDictionary<string, int> Codes = new();
        public readonly TaskCompletionSource Refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public volatile bool Down;
        public readonly TaskCompletionSource Recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int AfterRecovery;
        public int Total;
        public readonly TaskCompletionSource Warm = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Saw(GqlResponse response)
        {
            foreach (var code in response.ErrorCodes) Codes.AddOrUpdate(code, 1, (_, n) => n + 1);
            if (response.ErrorCodes.Contains("SERVICE_UNAVAILABLE")) Refused.TrySetResult();
        }

        public void Acknowledged()
        {
            if (Interlocked.Increment(ref Total) >= 40) Warm.TrySetResult();
            if (Refused.Task.IsCompleted && !Down && Interlocked.Increment(ref AfterRecovery) >= 30) Recovered.TrySetResult();
        }
    }

    [Fact]
    public async Task Nothing_acknowledged_is_lost_when_postgresql_restarts_under_load_and_everything_resumes()
    {
        Assert.True(Environment.GetEnvironmentVariable("SORA_PRIVATE_PG") == "1", "This test stops and starts the private cluster: run it through ./sora test.");
        var author = await Api.SignUpAsync("author");
        var viewer = await Api.SignUpAsync("viewer");
        var videos = new List<Guid>();
        for (var i = 0; i < 40; i++) videos.Add(await Host.PublishedVideoAsync(author, $"harbour number {i} at dawn"));
        var load = new Load();
        using var stop = new CancellationTokenSource();

        async Task LoopAsync(Func<int, Task<bool>> step)
        {
            for (var i = 0; !stop.IsCancellationRequested;)
            {
                try
                {
                    if (await step(i)) i++; // the same step again after a refusal: its client id makes the retry safe
                }
                catch (HttpRequestException)
                {
                    load.Codes.AddOrUpdate("connection", 1, (_, n) => n + 1);
                }
            }
        }

        var loops = new[]
        {
            LoopAsync(async i =>
            {
                var response = await Api.PostAsync("mutation($v: ID!, $t: String!, $c: String) { comment(input: { videoId: $v, text: $t, clientRequestId: $c }) { comment { id } errors { code } } }",
                    new { v = videos[i % videos.Count], t = $"comment {i}", c = $"outage-comment-{i}" }, viewer.Token);
                load.Saw(response);
                if (response.ErrorCodes.Count > 0) return false;
                load.Comments.Add(Guid.Parse(response.Data.GetProperty("comment").GetProperty("comment").GetProperty("id").GetString()!));
                load.Acknowledged();
                return true;
            }),
            LoopAsync(async i =>
            {
                var response = await Api.PostAsync("mutation($v: ID!) { recordView(input: { videoId: $v, watchedMs: 3000, completed: true }) { errors { code } } }",
                    new { v = videos[i % videos.Count] }, viewer.Token);
                load.Saw(response);
                if (response.ErrorCodes.Count > 0) return false;
                Interlocked.Increment(ref load.Views);
                load.Acknowledged();
                return true;
            }),
            LoopAsync(async i =>
            {
                if (i >= videos.Count) return false;
                var response = await Api.PostAsync("mutation($v: ID!) { like(input: { videoId: $v }) { errors { code } } }", new { v = videos[i] }, viewer.Token);
                load.Saw(response);
                if (response.ErrorCodes.Count > 0) return false;
                load.Liked.Add(videos[i]);
                return true;
            }),
            LoopAsync(async i =>
            {
                if (i >= 3) return false; // the daily free quota of the test settings is 4
                var response = await Api.PostAsync(GenerationFlow.Request, new { input = GenerationFlow.Input("a lighthouse in the fog", $"outage-gen-{i}") }, viewer.Token);
                load.Saw(response);
                if (response.ErrorCodes.Count > 0) return false;
                load.Generations.Add(Guid.Parse(response.Data.GetProperty("requestGeneration").GetProperty("generation").GetProperty("id").GetString()!));
                return true;
            }),
        };

        await load.Warm.Task.WaitAsync(TimeSpan.FromSeconds(60)); // the load is going
        load.Down = true;
        await SoraAsync("db-stop");
        await load.Refused.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using (var ready = await Host.Http.GetAsync("/health/ready")) Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        await SoraAsync("db");
        load.Down = false;
        await load.Recovered.Task.WaitAsync(TimeSpan.FromSeconds(120));
        stop.Cancel();
        await Task.WhenAll(loops);

        output.WriteLine($"acknowledged: {load.Comments.Count} comments, {load.Views} views, {load.Liked.Count} likes, {load.Generations.Count} generations; " +
                         $"answers during the outage: {string.Join(", ", load.Codes.Select(kv => $"{kv.Key} x{kv.Value}"))}");
        // The outage was answered as retryable, typed errors, never as an internal error.
        Assert.True(load.Codes.ContainsKey("SERVICE_UNAVAILABLE"), string.Join(", ", load.Codes));
        Assert.False(load.Codes.ContainsKey("INTERNAL_SERVER_ERROR"), string.Join(", ", load.Codes));

        await using (var query = Host.Store.QuerySession())
        {
            // Every acknowledged comment is there, and retried ones only once.
            var stored = await query.Query<Comment>().Where(c => c.AuthorId == viewer.Id).ToListAsync();
            Assert.Empty(load.Comments.Except(stored.Select(c => c.Id)));
            Assert.Equal(stored.Count, stored.Select(c => c.Text).Distinct().Count());
            var views = await query.Events.QueryRawEventDataOnly<VideoViewed>().Where(v => v.ViewerId == viewer.Id).CountAsync();
            Assert.True(views >= load.Views, $"{views} views stored, {load.Views} acknowledged");
            foreach (var video in load.Liked) Assert.True((await query.LoadAsync<VideoReaction>(VideoReaction.IdFor(viewer.Id, video)))?.Liked);
        }

        // Ready again, the render queue and the async daemon work without anyone restarting the host.
        for (var deadline = Stopwatch.StartNew(); ; await Task.Yield())
        {
            using var ready = await Host.Http.GetAsync("/health/ready");
            if (ready.StatusCode == HttpStatusCode.OK) break;
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "not ready again after a minute");
        }
        Assert.NotEmpty(load.Generations);
        foreach (var id in load.Generations)
        {
            await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, viewer.Token);
            ws.Patience = TimeSpan.FromSeconds(90);
            Assert.Equal("READY", (await GenerationFlow.FollowAsync(ws, id))[^1]["state"]!.GetValue<string>());
        }
        (await Api.SocialAsync("follow", author.Id, viewer.Token)).Ok();
        await WaitForProjectionsAsync();
        await using (var query = Host.Store.QuerySession())
            Assert.Equal(1, (await query.LoadAsync<AccountStats>(author.Id))!.Followers);
    }
}
