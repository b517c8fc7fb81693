using Microsoft.Extensions.Logging;

namespace Sora.Render.Dispatch;

/// <summary>The durable queue render work travels on (Wolverine's PostgreSQL transport; workers compete for it).</summary>
public static class RenderQueue
{
    public const string Name = Sora.Domain.Generations.GenerationsFeature.RenderQueue;
}

/// <summary>
/// A no-op message on the render queue. Operators and tests send it to prove that the durable queue
/// round-trips through PostgreSQL to a worker; render jobs (the generation issue) share the route.
/// </summary>
public sealed record RenderQueueProbe(Guid Id);

public static class RenderQueueProbeHandler
{
    public static void Handle(RenderQueueProbe probe, ILogger<RenderQueueProbe> logger) =>
        logger.LogInformation("Render queue probe {ProbeId} consumed by this worker", probe.Id);
}
