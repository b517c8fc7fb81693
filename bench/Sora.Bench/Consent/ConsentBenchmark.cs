using System.Diagnostics;
using Marten;
using Sora.Bench.Api;
using Sora.Domain.Cameos;
using Sora.Render.Cameos;
using Sora.Render.Media;
using Wolverine;

namespace Sora.Bench.Consent;

/// <summary>
/// ./sora bench consent:
///  1. consent decisions with 100,000 grants in the store: the decision alone (what cameoConsent runs) next to loading
///     the same cameo document, and the decision with its committed receipt (RecordCameoUse through Wolverine: load,
///     decide, append the chained receipt) next to a bare single-row commit;
///  2. matching one face against 100,000 templates, next to a plain copy of the same bytes (memory bandwidth);
///  3. verifying an 8 s recording on the CPU, next to ffmpeg alone decoding it the same way.
/// </summary>
public static class ConsentBenchmark
{
    private const int Cameos = 1_000;
    private const int GrantsPerCameo = 100;

    public static async Task RunAsync()
    {
        var (app, _) = BenchHost.Build(_ => { });
        await app.StartAsync();
        try
        {
            var store = app.Services.GetRequiredService<IDocumentStore>();
            await app.ResetAllMartenDataAsync(); // daemon paused around the reset (see ApiBenchmark)
            Console.WriteLine($"Sora consent benchmark: {Environment.ProcessorCount} cores");
            await DecisionsAsync(app.Services, store);
            Matching();
            await VerificationAsync(app.Services);
            Console.WriteLine();
            Console.WriteLine("Reading: a decision costs a few document loads plus one transaction that appends the chained receipt and runs");
            Console.WriteLine("the inline projections, so it tracks write latency, not the number of grants; matching is memory-bound and");
            Console.WriteLine("scales linearly with templates; verification is about two thirds models, one third decoding.");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task DecisionsAsync(IServiceProvider services, IDocumentStore store)
    {
        var owner = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var grantees = new Dictionary<Guid, Guid[]>();
        var seed = Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(0, Cameos).Chunk(50))
        {
            await using var session = store.LightweightSession();
            foreach (var _ in batch)
            {
                var id = Guid.CreateVersion7();
                var people = Enumerable.Range(0, GrantsPerCameo).Select(_ => Guid.NewGuid()).ToArray();
                grantees[id] = people;
                session.Events.StartStream<Cameo>(id, [
                    new CameoVerificationStarted(id, owner, "p", now), new CameoRecordingReceived(id, owner, "s", 1, now), new CameoVerified(id, owner, now),
                    .. people.Select(p => (object)new CameoAccessGranted(id, Guid.NewGuid(), p, null, null, owner, now)),
                ]);
            }
            await session.SaveChangesAsync();
        }
        Console.WriteLine($"  seeded {Cameos * GrantsPerCameo:N0} grants on {Cameos:N0} cameos in {seed.Elapsed.TotalSeconds:0.0} s");

        var bus = services.GetRequiredService<IMessageBus>();
        var ids = grantees.Keys.ToArray();
        var random = new Random(7);
        var decide = await TimeAsync(2_000, async () =>
        {
            var cameo = ids[random.Next(ids.Length)];
            var result = await bus.InvokeAsync<CameoUseResult>(new RecordCameoUse(cameo, Guid.NewGuid(), grantees[cameo][random.Next(GrantsPerCameo)], "a walk"));
            if (result.Use is null) throw new InvalidOperationException("a granted use was refused");
        });
        // The same decision without Wolverine, split: the loads and the decision, then SaveChanges (the Rich append's
        // sequence and stream reads, the inline projections' reads, the write batch and the commit).
        var embedderForSplit = services.GetRequiredService<Sora.Domain.Text.IPromptEmbedder>();
        var (decidingMs, savingMs) = (new List<double>(), new List<double>());
        await TimeAsync(1_000, async () =>
        {
            var cameo = ids[random.Next(ids.Length)];
            await using var session = store.LightweightSession();
            var start = Stopwatch.GetTimestamp();
            var result = await RecordCameoUseHandler.DecideAsync(new RecordCameoUse(cameo, Guid.NewGuid(), grantees[cameo][random.Next(GrantsPerCameo)], "a walk"),
                session, embedderForSplit, TimeProvider.System, CancellationToken.None);
            if (result.Use is null) throw new InvalidOperationException("a granted use was refused");
            var decided = Stopwatch.GetTimestamp();
            await session.SaveChangesAsync();
            decidingMs.Add(Stopwatch.GetElapsedTime(start, decided).TotalMilliseconds);
            savingMs.Add(Stopwatch.GetElapsedTime(decided).TotalMilliseconds);
        });
        var load = await TimeAsync(2_000, async () =>
        {
            await using var session = store.QuerySession();
            await session.LoadAsync<Cameo>(ids[random.Next(ids.Length)]);
        });
        // What cameoConsent runs, without HTTP: the cameo, the owner-requester relationship and the decision itself.
        var embedder = services.GetRequiredService<Sora.Domain.Text.IPromptEmbedder>();
        var alone = await TimeAsync(2_000, async () =>
        {
            var id = ids[random.Next(ids.Length)];
            await using var session = store.QuerySession();
            var cameo = await session.LoadAsync<Cameo>(id);
            var outcome = await ConsentDecision.DecideAsync(session, cameo!, grantees[id][random.Next(GrantsPerCameo)], "a walk", embedder,
                DateTimeOffset.UtcNow, CancellationToken.None);
            if (outcome.Right is null) throw new InvalidOperationException("a granted use was refused");
        });
        // The cheapest durable write: one row inserted and committed (WAL flush included), on the same pool.
        var dataSource = services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        await using (var setup = dataSource.CreateCommand($"drop table if exists {BenchHost.Schema}.bench_commit; " +
                                                          $"create table {BenchHost.Schema}.bench_commit (id uuid primary key, at timestamptz not null)"))
            await setup.ExecuteNonQueryAsync();
        var commit = await TimeAsync(2_000, async () =>
        {
            await using var command = dataSource.CreateCommand($"insert into {BenchHost.Schema}.bench_commit values ($1, now())");
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Guid.NewGuid() });
            await command.ExecuteNonQueryAsync();
        });
        Console.WriteLine($"  cameo document load alone          p50 {load.P50,6:0.00} ms   p99 {load.P99,6:0.00} ms   (baseline)");
        Console.WriteLine($"  consent decision alone             p50 {alone.P50,6:0.00} ms   p99 {alone.P99,6:0.00} ms   p99 ratio {alone.P99 / load.P99:0.0}x the load (goal <= 3x)");
        Console.WriteLine($"  single-row commit alone            p50 {commit.P50,6:0.00} ms   p99 {commit.P99,6:0.00} ms   (baseline)");
        Console.WriteLine($"  consent decision + receipt         p50 {decide.P50,6:0.00} ms   p99 {decide.P99,6:0.00} ms   p99 ratio {decide.P99 / commit.P99:0.0}x the commit (goal <= 4x); p50 {decide.P50 / load.P50:0.0}x the load");
        Console.WriteLine($"    split (without Wolverine, p50): loads and decision {Load.Percentile([.. decidingMs[100..].Order()], 0.5):0.00} ms, SaveChanges {Load.Percentile([.. savingMs[100..].Order()], 0.5):0.00} ms " +
                          "(Rich append's sequence and stream reads, the inbox's settings read, one write batch, the commit)");
    }

    private static void Matching()
    {
        const int templates = 100_000;
        var random = new Random(11);
        float[] Unit()
        {
            var v = new float[512];
            for (var i = 0; i < v.Length; i++) v[i] = (float)(random.NextDouble() * 2 - 1);
            return FaceTemplate.Normalize(v);
        }
        var index = Enumerable.Range(0, templates).Select(_ => new IndexedTemplate(Guid.NewGuid(), Guid.NewGuid(), Unit())).ToList();
        var face = Unit();
        var scan = Median(21, () => _ = CameoTemplateIndex.Matches(index, face, LikenessProtection.MatchThreshold).Count());
        var copyTarget = new float[512];
        var copy = Median(21, () => { foreach (var t in index) t.Template.CopyTo(copyTarget, 0); });
        Console.WriteLine($"  match 1 face vs {templates:N0} templates  {scan:0.0} ms   (memory copy of the same bytes {copy:0.0} ms, ratio {scan / copy:0.0}x)");
    }

    private static async Task VerificationAsync(IServiceProvider services)
    {
        var fixtures = Environment.GetEnvironmentVariable("SORA_FIXTURES") ?? throw new InvalidOperationException("SORA_FIXTURES is not set.");
        var clip = Path.Combine(Path.GetTempPath(), "sora-bench-8s.mp4");
        // An 8 s recording: valid-a (7 s) with its first second appended, re-encoded like a phone would.
        var make = Process.Start("ffmpeg", ["-nostdin", "-v", "error", "-y", "-stream_loop", "1", "-i", Path.Combine(fixtures, "cameo/valid-a.mp4"),
            "-t", "8", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", clip])!;
        await make.WaitForExitAsync();
        var verifier = services.GetRequiredService<LikenessVerifier>();
        await verifier.VerifyAsync(clip); // warm-up: model loading is not part of a verification
        var verify = await MedianAsync(3, async () => await verifier.VerifyAsync(clip));
        var decode = await MedianAsync(3, async () => await MediaDecoder.DecodeAsync(clip, LikenessVerifier.SampleFps, LikenessVerifier.MaxFrameSide, LikenessVerifier.MaxRecording));
        Console.WriteLine($"  verify an 8 s recording (CPU) {verify:0} ms   (ffmpeg decode alone {decode:0} ms, ratio {verify / decode:0.0}x)");
        File.Delete(clip);
    }

    private static async Task<(double P50, double P99)> TimeAsync(int count, Func<Task> action)
    {
        for (var i = 0; i < 100; i++) await action();
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        return (Load.Percentile(samples, 0.5), Load.Percentile(samples, 0.99));
    }

    private static double Median(int runs, Action action) =>
        MedianAsync(runs, () => { action(); return Task.CompletedTask; }).GetAwaiter().GetResult();

    private static async Task<double> MedianAsync(int runs, Func<Task> action)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times.Order().ElementAt(runs / 2);
    }
}
