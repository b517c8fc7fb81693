namespace Sora.Domain.Generations;

public sealed record PricingPolicy
{
    /// <summary>Render queue depth (queued + rendering) up to which no surge applies.</summary>
    public int SurgeThreshold { get; init; } = 20;
    /// <summary>The multiplier never exceeds this.</summary>
    public double MaxSurge { get; init; } = 3.0;
}

public sealed record GenerationPrice(int Base, double Surge, int Total, int QueueDepth);

/// <summary>
/// The published price formula (docs/render.md):
/// base = (duration / 5 s) × resolution units (480p: 1, 720p: 2, 1080p: 4);
/// surge = 1 while the render queue depth d ≤ T, else min(max, 1 + (d − T) / T) (T: SurgeThreshold);
/// total = ceil(base × surge).
/// </summary>
public static class GenerationPricing
{
    public static int ResolutionUnits(VideoResolution resolution) => resolution switch
    {
        VideoResolution.Sd480 => 1,
        VideoResolution.Hd720 => 2,
        _ => 4,
    };

    public static GenerationPrice Price(int durationSeconds, VideoResolution resolution, int queueDepth, PricingPolicy policy)
    {
        var basePrice = durationSeconds / 5 * ResolutionUnits(resolution);
        var surge = queueDepth <= policy.SurgeThreshold
            ? 1.0
            : Math.Min(policy.MaxSurge, 1.0 + (queueDepth - policy.SurgeThreshold) / (double)policy.SurgeThreshold);
        surge = Math.Round(surge, 2);
        return new GenerationPrice(basePrice, surge, (int)Math.Ceiling(basePrice * surge - 1e-9), queueDepth);
    }
}
