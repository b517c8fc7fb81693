using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Generations;

/// <summary>
/// The worker could not finish: <paramref name="Reason"/> is RENDER_TIMEOUT, RENDER_FAILED, INPUT_UNAVAILABLE or
/// CONSENT_LAPSED (it saw a use withdrawn between batches).
/// </summary>
public sealed record FailRender(Guid GenerationId, string Reason, string Detail);

/// <summary>
/// A render that ends without a video. Consent is looked at first: when a use lapsed, the generation is blocked
/// (the reason people and auditors need), whatever else went wrong; otherwise it ends FAILED with the worker's reason.
/// Either way the price goes back to where it came from. A generation no longer in progress (cancelled, blocked
/// meanwhile) is left alone.
/// </summary>
public static class FailRenderDecider
{
    public const int MaxDetail = 300;

    public static Decision<object> Decide(FailRender command, Generation? generation, ConsentCheck consent, DateTimeOffset now)
    {
        if (generation is not { InProgress: true }) return Decision<object>.Accept();
        if (consent.Standing == ConsentStanding.Lapsed) return Decision<object>.Accept(GenerationConsent.Block(generation, consent.Lapsed!, now));
        return Decision<object>.Accept(Failed(generation, command.Reason, command.Detail, now));
    }

    /// <summary>FAILED with its reason, and the refund.</summary>
    public static object[] Failed(Generation generation, string reason, string detail, DateTimeOffset now) =>
        [new GenerationFailed(generation.Id, generation.RequesterId, reason, detail.Length > MaxDetail ? detail[..MaxDetail] : detail, now), generation.Refund(now)];
}

public static class FailRenderHandler
{
    public static async Task Handle(FailRender command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Generation>(command.GenerationId, ct);
        var consent = stream.Aggregate is { } generation ? await GenerationConsent.CheckAsync(session, generation, ct) : ConsentCheck.AllStanding;
        var decision = FailRenderDecider.Decide(command, stream.Aggregate, consent, clock.GetUtcNow());
        if (decision.Events.Count == 0) return;
        GenerationStreams.Append(session, stream, decision.Events);
        await session.SaveChangesAsync(ct);
    }
}
