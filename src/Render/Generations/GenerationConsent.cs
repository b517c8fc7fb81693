using Marten;
using Sora.Domain.Generations;
using Sora.Projections.Cameos;

namespace Sora.Render.Generations;

public enum ConsentStanding
{
    /// <summary>Every cameo use stands.</summary>
    Standing,
    /// <summary>Some owner has yet to approve (approval mode).</summary>
    AwaitingApproval,
    /// <summary>Some use was withdrawn: the right it depended on ended.</summary>
    Lapsed,
}

/// <summary>
/// Whether a generation's cameo uses still stand, read from the inline CameoUsage read model (the revoking
/// transaction itself withdraws the uses, so this is never behind a committed revocation).
/// </summary>
public static class GenerationConsent
{
    public static async Task<(ConsentStanding Standing, GenerationCameo? Lapsed, Guid[] Pending)> CheckAsync(
        IQuerySession session, Generation generation, CancellationToken ct)
    {
        if (generation.Cameos.Length == 0) return (ConsentStanding.Standing, null, []);
        var usages = await session.LoadManyAsync<CameoUsage>(ct, generation.Cameos.Select(c => c.UseId));
        var byId = usages.ToDictionary(u => u.Id);
        var pending = new List<Guid>();
        foreach (var cameo in generation.Cameos)
        {
            if (!byId.TryGetValue(cameo.UseId, out var usage) || usage.Status == CameoUsageStatus.Withdrawn) return (ConsentStanding.Lapsed, cameo, []);
            if (usage.Status == CameoUsageStatus.PendingApproval) pending.Add(cameo.UseId);
        }
        return pending.Count > 0 ? (ConsentStanding.AwaitingApproval, null, pending.ToArray()) : (ConsentStanding.Standing, null, []);
    }

    /// <summary>Appends the block, with the refund when the render had not finished.</summary>
    public static void Block(IDocumentSession session, Generation generation, GenerationCameo cameo, DateTimeOffset now)
    {
        session.Events.Append(generation.Id, new GenerationBlocked(generation.Id, generation.RequesterId, "CONSENT_LAPSED", cameo.CameoId, now));
        if (generation.InProgress && !generation.Refunded)
            session.Events.Append(Domain.Credits.CreditLedger.StreamFor(generation.RequesterId), generation.Refund(now));
    }
}
