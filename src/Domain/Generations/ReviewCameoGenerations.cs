using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Generations;

/// <summary>Looks at every unfinished or published generation showing a cameo after its consent changed.</summary>
public sealed record ReviewCameoGenerations(Guid CameoId);

/// <summary>
/// After a cameo's consent changed (revoke, block, deactivate, narrowed audience, decline, remove, delete, approve):
/// a generation whose use lapsed is blocked (refunded if unfinished); a pending video whose uses are all approved is
/// published.
/// </summary>
public static class ReviewCameoGenerationsDecider
{
    public static Decision<object> Decide(Generation generation, ConsentCheck consent, DateTimeOffset now) => consent.Standing switch
    {
        _ when generation.Stage is GenerationStage.Blocked or GenerationStage.Failed or GenerationStage.Cancelled => Decision<object>.Accept(),
        ConsentStanding.Lapsed => Decision<object>.Accept(GenerationConsent.Block(generation, consent.Lapsed!, now)),
        ConsentStanding.Standing when generation.Publication == Publication.PendingApproval =>
            Decision<object>.Accept(new VideoPublished(generation.Id, generation.RequesterId, now)),
        _ => Decision<object>.Accept(),
    };
}

public static class ReviewCameoGenerationsHandler
{
    public static async Task Handle(ReviewCameoGenerations command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var affected = await session.Query<Generation>()
            .Where(g => g.CameoIds.Contains(command.CameoId) && g.Stage != GenerationStage.Blocked && g.Stage != GenerationStage.Failed
                        && g.Stage != GenerationStage.Cancelled)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var seen in affected)
        {
            // The uses a generation shows are fixed at request time, so one consent read serves both decisions below.
            var consent = await GenerationConsent.CheckAsync(session, seen, ct);
            if (ReviewCameoGenerationsDecider.Decide(seen, consent, now).Events.Count == 0) continue;
            // Only the generations that change are fetched for writing (version-checked): a worker finishing one of them
            // concurrently makes one of us retry, and the retry decides on what the other wrote.
            var stream = await session.Events.FetchForWriting<Generation>(seen.Id, ct);
            if (stream.Aggregate is not { } generation) continue;
            var decision = ReviewCameoGenerationsDecider.Decide(generation, consent, now);
            GenerationStreams.Append(session, stream, decision.Events);
        }
        await session.SaveChangesAsync(ct);
    }
}
