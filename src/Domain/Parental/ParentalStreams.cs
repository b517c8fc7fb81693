using Marten;
using JasperFx.Events;
using Sora.Domain.Common;

namespace Sora.Domain.Parental;

/// <summary>The one way parental decisions are written: append the decided events to the teen's stream, or refuse.</summary>
public static class ParentalStreams
{
    public static async Task<CommandResult> CommitAsync(IDocumentSession session, IEventStream<Guardianship> stream, Decision<object> decision,
        Guid? id, CancellationToken ct)
    {
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count == 0) return CommandResult.Ok(id);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(id);
    }
}
