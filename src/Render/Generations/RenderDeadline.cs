using Sora.Domain.Generations;

namespace Sora.Render.Generations;

/// <summary>
/// How long one render may run, sized from its work: <c>BaseSeconds + SecondsPerMegapixelFrame × frames × megapixels</c>,
/// at most <see cref="MaxSeconds"/>. The defaults leave about three times the measured CPU time on 2 cores (a 1080p
/// portrait of 15 s, 746 megapixel-frames, renders in about 54 s; the limit is 217 s). A render past its limit is
/// cancelled and ends FAILED (RENDER_TIMEOUT) and refunded: renders are deterministic, so a retry would only time out
/// again. Wolverine's own execution timeout for the render handler sits above <see cref="HardCapSeconds"/>, so it can
/// never cut a render short and restart it from zero.
/// </summary>
public sealed record RenderDeadline
{
    public const int HardCapSeconds = 7200;

    public double BaseSeconds { get; init; } = 30;
    public double SecondsPerMegapixelFrame { get; init; } = 0.25;
    public double MaxSeconds { get; init; } = 1800;
    /// <summary>
    /// How long past its deadline a RENDERING generation may stay without a worker before <see cref="StalledRenderSweeper"/>
    /// ends it: longer than the retry backoff (2 s, 10 s) and the time a dead worker's job takes to be recovered.
    /// </summary>
    public double StallGraceSeconds { get; init; } = 600;
    public double StallSweepSeconds { get; init; } = 60;

    public TimeSpan StallGrace => TimeSpan.FromSeconds(StallGraceSeconds);

    /// <summary>The longest deadline any render can have.</summary>
    public TimeSpan Longest => TimeSpan.FromSeconds(Math.Max(0.1, Math.Min(MaxSeconds, HardCapSeconds - 60)));

    /// <summary>The deadline of the smallest render: no generation's is shorter.</summary>
    public TimeSpan Shortest => TimeSpan.FromSeconds(Math.Max(0.1, Math.Min(BaseSeconds, MaxSeconds)));

    public TimeSpan For(Generation generation)
    {
        var (width, height) = GenerationFormat.Size(generation.Aspect, generation.Resolution);
        var work = generation.DurationSeconds * GenerationFormat.Fps * (width * (double)height / 1e6);
        var seconds = Math.Min(Math.Min(MaxSeconds, HardCapSeconds - 60), BaseSeconds + SecondsPerMegapixelFrame * work);
        return TimeSpan.FromSeconds(Math.Max(0.1, seconds));
    }
}
