using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Generations;

/// <summary>A worker took the render job and asks to start.</summary>
public sealed record StartRender(Guid GenerationId, string Worker);

/// <summary>What the worker is to render: the generation as started, or null when there is nothing to do.</summary>
public sealed record RenderTicket(Generation? Generation);

/// <summary>
/// A generation still in progress starts one more attempt, only while every use it shows stands (DESIGN §4: a render
/// starts only if the right holds at that moment): a lapsed one is blocked and refunded instead, whatever else is true.
/// One started <see cref="MaxAttempts"/> times without an end lost its worker each time (killed, out of memory): a
/// fourth would likely die the same way, so it ends FAILED (WORKER_LOST) and refunded.
/// </summary>
public static class StartRenderDecider
{
    public const int MaxAttempts = 3;
    public const string WorkerLost = "WORKER_LOST";

    public static Decision<object> Decide(StartRender command, Generation? generation, ConsentCheck consent, DateTimeOffset now)
    {
        if (generation is not { InProgress: true }) return Decision<object>.Accept();
        if (consent.Standing == ConsentStanding.Lapsed) return Decision<object>.Accept(GenerationConsent.Block(generation, consent.Lapsed!, now));
        if (generation.Attempts >= MaxAttempts)
            return Decision<object>.Accept(FailRenderDecider.Failed(generation, WorkerLost,
                $"The render was started {generation.Attempts} times and its worker was lost each time.", now));
        return Decision<object>.Accept(new RenderStarted(generation.Id, generation.RequesterId, generation.Attempts + 1, command.Worker, now));
    }
}

public static class StartRenderHandler
{
    public static async Task<RenderTicket> Handle(StartRender command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Generation>(command.GenerationId, ct);
        var consent = stream.Aggregate is { } generation ? await GenerationConsent.CheckAsync(session, generation, ct) : ConsentCheck.AllStanding;
        var decision = StartRenderDecider.Decide(command, stream.Aggregate, consent, clock.GetUtcNow());
        if (decision.Events.Count == 0) return new RenderTicket(null);
        GenerationStreams.Append(session, stream, decision.Events);
        await session.SaveChangesAsync(ct);
        var started = decision.Events.OfType<RenderStarted>().SingleOrDefault();
        return new RenderTicket(started is null ? null : stream.Aggregate! with { Stage = GenerationStage.Rendering, Attempts = started.Attempt });
    }
}
