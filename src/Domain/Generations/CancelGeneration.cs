using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Generations;

public sealed record CancelGeneration(Actor By, Guid GenerationId);

/// <summary>The requester stops a queued or rendering generation; it is refunded to where the price came from.</summary>
public static class CancelGenerationDecider
{
    public static Decision<object> Decide(CancelGeneration command, Generation? generation, DateTimeOffset now)
    {
        if (generation is null || generation.RequesterId != command.By.AccountId)
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such generation of yours.");
        if (!generation.InProgress)
            return Decision<object>.Refuse(GenerationRules.NotCancellable, "Only a queued or rendering generation can be cancelled.");
        return Decision<object>.Accept(new GenerationCancelled(generation.Id, generation.RequesterId, command.By.AccountId, now), generation.Refund(now));
    }
}

public static class CancelGenerationHandler
{
    public static async Task<CommandResult> Handle(CancelGeneration command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Generation>(command.GenerationId, ct);
        var decision = CancelGenerationDecider.Decide(command, stream.Aggregate, clock.GetUtcNow());
        return await GenerationStreams.CommitAsync(session, stream, decision, ct);
    }
}
