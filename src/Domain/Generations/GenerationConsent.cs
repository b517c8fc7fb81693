using Sora.Domain.Cameos;
using Marten;

namespace Sora.Domain.Generations;

public enum ConsentStanding
{
    /// <summary>Every cameo use stands.</summary>
    Standing,
    /// <summary>Some owner has yet to approve (approval mode).</summary>
    AwaitingApproval,
    /// <summary>Some use was withdrawn: the right it depended on ended.</summary>
    Lapsed,
}

/// <summary>Where a generation's cameo uses stand: <see cref="Lapsed"/> names the first withdrawn one, <see cref="Pending"/>
/// the uses waiting for their owner's approval.</summary>
public sealed record ConsentCheck(ConsentStanding Standing, GenerationCameo? Lapsed, Guid[] Pending)
{
    public static readonly ConsentCheck AllStanding = new(ConsentStanding.Standing, null, []);
}

/// <summary>
/// Whether a generation's cameo uses still stand, read from the inline CameoUsage document (the revoking
/// transaction itself withdraws the uses, so this is never behind a committed revocation).
/// </summary>
public static class GenerationConsent
{
    public const string ConsentLapsed = "CONSENT_LAPSED";

    public static async Task<ConsentCheck> CheckAsync(IQuerySession session, Generation generation, CancellationToken ct)
    {
        if (generation.Cameos.Length == 0) return ConsentCheck.AllStanding;
        var usages = await session.LoadManyAsync<CameoUsage>(ct, generation.Cameos.Select(c => c.UseId));
        var byId = usages.ToDictionary(u => u.Id);
        var pending = new List<Guid>();
        foreach (var cameo in generation.Cameos)
        {
            if (!byId.TryGetValue(cameo.UseId, out var usage) || usage.Status == CameoUsageStatus.Withdrawn) return new(ConsentStanding.Lapsed, cameo, []);
            if (usage.Status == CameoUsageStatus.PendingApproval) pending.Add(cameo.UseId);
        }
        return pending.Count > 0 ? new(ConsentStanding.AwaitingApproval, null, pending.ToArray()) : ConsentCheck.AllStanding;
    }

    /// <summary>The block, with the refund when the render had not finished (pure).</summary>
    public static object[] Block(Generation generation, GenerationCameo cameo, DateTimeOffset now) =>
        generation.InProgress && !generation.Refunded
            ? [new GenerationBlocked(generation.Id, generation.RequesterId, ConsentLapsed, cameo.CameoId, now), generation.Refund(now)]
            : [new GenerationBlocked(generation.Id, generation.RequesterId, ConsentLapsed, cameo.CameoId, now)];
}
