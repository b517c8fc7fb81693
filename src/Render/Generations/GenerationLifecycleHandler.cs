using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Generations;

namespace Sora.Render.Generations;

/// <summary>Cancel, publish and withdraw: the requester's decisions about a generation and its video.</summary>
public static class GenerationLifecycleHandler
{
    public static async Task<GenerationResult> Handle(CancelGeneration command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Generation>(command.GenerationId, ct);
        var generation = stream.Aggregate;
        if (generation is null || generation.RequesterId != command.By.AccountId) return NotFound();
        if (!generation.InProgress) return Refused(GenerationRules.NotCancellable, "Only a queued or rendering generation can be cancelled.");
        var now = clock.GetUtcNow();
        stream.AppendOne(new GenerationCancelled(generation.Id, generation.RequesterId, command.By.AccountId, now));
        session.Events.Append(Domain.Credits.CreditLedger.StreamFor(generation.RequesterId), generation.Refund(now));
        await session.SaveChangesAsync(ct);
        return new GenerationResult(generation.Id, null);
    }

    /// <summary>
    /// Consent is checked again: a lapsed use blocks the video for good; uses waiting for an owner's approval keep
    /// it pending (ReviewCameoGenerations publishes it once they are approved).
    /// </summary>
    public static async Task<GenerationResult> Handle(PublishVideo command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Generation>(command.GenerationId, ct);
        var generation = stream.Aggregate;
        if (generation is null || generation.RequesterId != command.By.AccountId) return NotFound();
        if (generation.Stage != GenerationStage.Ready || generation.Publication != Publication.Draft)
            return Refused(GenerationRules.NotPublishable, "Only a finished draft can be published.");
        var now = clock.GetUtcNow();
        var (standing, lapsed, pending) = await GenerationConsent.CheckAsync(session, generation, ct);
        switch (standing)
        {
            case ConsentStanding.Lapsed:
                GenerationConsent.Block(session, generation, lapsed!, now);
                await session.SaveChangesAsync(ct);
                return Refused("CONSENT_REQUIRED", $"@{lapsed!.Handle} no longer allows this video; it is blocked.");
            case ConsentStanding.AwaitingApproval:
                stream.AppendOne(new VideoAwaitingApproval(generation.Id, pending, now));
                break;
            default:
                stream.AppendOne(new VideoPublished(generation.Id, command.By.AccountId, now));
                break;
        }
        await session.SaveChangesAsync(ct);
        return new GenerationResult(generation.Id, null);
    }

    /// <summary>The creator, or a moderator, takes the video down.</summary>
    public static async Task<GenerationResult> Handle(WithdrawVideo command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Generation>(command.GenerationId, ct);
        var generation = stream.Aggregate;
        var moderator = command.By.Has(AccountRole.Moderator) || command.By.IsAdmin;
        if (generation is null || (generation.RequesterId != command.By.AccountId && !moderator)) return NotFound();
        if (generation.Stage != GenerationStage.Ready || generation.Publication is Publication.Withdrawn)
            return Refused(GenerationRules.NotPublishable, "Only a finished, not yet withdrawn video can be withdrawn.");
        stream.AppendOne(new VideoWithdrawn(generation.Id, command.By.AccountId, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return new GenerationResult(generation.Id, null);
    }

    /// <summary>
    /// After a cameo's consent changed (revoke, block, deactivate, narrowed audience, decline, remove, delete,
    /// approve): blocks every generation whose use lapsed, and publishes pending videos whose uses are all approved.
    /// </summary>
    public static async Task Handle(ReviewCameoGenerations command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var affected = await session.Query<Generation>()
            .Where(g => g.CameoIds.Contains(command.CameoId) && g.Stage != GenerationStage.Blocked && g.Stage != GenerationStage.Failed
                        && g.Stage != GenerationStage.Cancelled)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var generation in affected)
        {
            var (standing, lapsed, _) = await GenerationConsent.CheckAsync(session, generation, ct);
            if (standing == ConsentStanding.Lapsed)
            {
                // Version-checked, so a worker finishing the same generation concurrently makes one of us retry.
                await session.Events.FetchForWriting<Generation>(generation.Id, ct);
                GenerationConsent.Block(session, generation, lapsed!, now);
            }
            else if (standing == ConsentStanding.Standing && generation.Publication == Publication.PendingApproval)
            {
                session.Events.Append(generation.Id, new VideoPublished(generation.Id, generation.RequesterId, now));
            }
        }
        await session.SaveChangesAsync(ct);
    }

    private static GenerationResult NotFound() => new(null, new Refusal(ErrorCodes.NotFound, "No such generation of yours."));

    private static GenerationResult Refused(string code, string message) => new(null, new Refusal(code, message));
}
