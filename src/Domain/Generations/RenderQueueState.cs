using Marten;

namespace Sora.Domain.Generations;

/// <summary>How deep the render queue is (surge pricing) and where a generation stands in it.</summary>
public static class RenderQueueState
{
    public static Task<int> DepthAsync(IQuerySession session, CancellationToken ct) =>
        session.Query<Generation>().CountAsync(g => g.Stage == GenerationStage.Queued || g.Stage == GenerationStage.Rendering, ct);

    /// <summary>1 for the next to render; null once it left the queue.</summary>
    public static async Task<int?> PositionAsync(IQuerySession session, Generation generation, CancellationToken ct)
    {
        if (generation.Stage != GenerationStage.Queued) return null;
        var ahead = await session.Query<Generation>()
            .CountAsync(g => g.Stage == GenerationStage.Queued && g.RequestedAt < generation.RequestedAt, ct);
        return ahead + 1;
    }
}
