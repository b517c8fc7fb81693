using JasperFx.Events;
using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Generations;

/// <summary>The answer to cancel, publish and withdraw: the generation's id, or why not.</summary>
public sealed record GenerationResult(Guid? GenerationId, Refusal? Refusal)
{
    /// <summary>Appends what was decided (a refusal that records a fact, such as a block, is committed too) and answers.</summary>
    public static async Task<GenerationResult> CommitAsync(IDocumentSession session, IEventStream<Generation> stream, Decision<object> decision,
        CancellationToken ct)
    {
        if (decision.Events.Count > 0)
        {
            GenerationStreams.Append(session, stream, decision.Events);
            await session.SaveChangesAsync(ct);
        }
        return decision.Refusal is { } refusal ? new GenerationResult(null, refusal) : new GenerationResult(stream.Id, null);
    }
}
