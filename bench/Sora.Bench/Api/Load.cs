using System.Diagnostics;

namespace Sora.Bench.Api;

/// <summary>Requests per second and latency percentiles of one request shape, under a fixed concurrency.</summary>
public sealed record LoadResult(string Name, int Requests, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Requests / Seconds;
}

public static class Load
{
    /// <summary>Calls made before the measured span, so that it starts with warm caches and compiled code.</summary>
    public const int WarmUp = 200;

    /// <summary>Warms up, then runs <paramref name="send"/> from <paramref name="workers"/> loops for a fixed duration.</summary>
    public static async Task<LoadResult> RunAsync(string name, Func<Task> send, int workers, TimeSpan duration)
    {
        for (var i = 0; i < WarmUp; i++) await send();

        var latencies = new List<double>[workers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            var mine = latencies[w] = new List<double>();
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await send();
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, all.Length, elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
