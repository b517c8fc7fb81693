using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Sora.Domain.Moderation;

/// <summary>Who keeps a disputed likeness: the account whose verified likeness it was, or the account that recorded it again.</summary>
public enum DisputeHolder
{
    Incumbent,
    Claimant,
}

// Dispute events carry ids and codes only. The claimant's recording is sealed under the dispute (its own privacy
// subject, shredded at resolution); a moderator's words (why they opened the evidence, why they decided) are sealed
// under the access or the resolution, because they may name people.

/// <summary>
/// A moderator opened both recordings of a dispute (a sealed, audited access): who, which dispute, when. The reason
/// they gave is sealed under <paramref name="AccessId"/>.
/// </summary>
public sealed record LikenessDisputeEvidenceOpened(Guid AccessId, Guid DisputeId, Guid ModeratorId, DateTimeOffset At);

/// <summary>
/// A moderator decided which account holds the likeness. The losing template is destroyed in the same transaction;
/// the reason is sealed under <paramref name="ResolutionId"/>.
/// </summary>
public sealed record LikenessDisputeResolved(Guid DisputeId, Guid ResolutionId, DisputeHolder Holder, Guid ModeratorId, Guid WinnerCameoId,
    Guid LoserCameoId, DateTimeOffset At);

/// <summary>
/// On each party's cameo stream: the outcome of a dispute over its face. A cameo that loses as the incumbent loses its
/// likeness (every use withdrawn, inline); a claimant that wins has its kept recording verified again.
/// </summary>
public sealed record CameoDisputeDecided(Guid CameoId, Guid OwnerId, Guid DisputeId, bool Kept, bool WasIncumbent, DateTimeOffset At);

/// <summary>One opening of a dispute's evidence, for auditors (inline, from <see cref="LikenessDisputeEvidenceOpened"/>).</summary>
public sealed class DisputeEvidenceAccess
{
    public Guid Id { get; set; }
    public Guid DisputeId { get; set; }
    public Guid ModeratorId { get; set; }
    public DateTimeOffset At { get; set; }
    public long Seq { get; set; }
}

public static class LikenessDisputes
{
    /// <summary>The cameo's visible reason after a dispute it lost (as incumbent: its likeness ended; as claimant: its claim was rejected).</summary>
    public const string DisputeLost = "LIKENESS_DISPUTE_LOST";
    /// <summary>Vault kinds: the claimant's recording under the dispute; moderator notes under their access or resolution.</summary>
    public const string EvidenceKind = "likeness-dispute-recording";
    public const string AccessReasonKind = "likeness-dispute-access-reason";
    public const string ResolutionReasonKind = "likeness-dispute-resolution-reason";
    public const int MaxReason = 1000;

    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<LikenessDisputeEvidenceOpened>("likeness_dispute_evidence_opened");
        opts.Events.MapEventType<LikenessDisputeResolved>("likeness_dispute_resolved");
        opts.Events.MapEventType<CameoDisputeDecided>("cameo_dispute_decided");
        opts.Schema.For<DisputeEvidenceAccess>().Duplicate(a => a.DisputeId).Duplicate(a => a.Seq);
    }
}

/// <summary>The moderation log holds dispute work too, and every evidence access is listed for auditors.</summary>
public partial class ModerationRecordsProjection
{
    public void Project(IEvent<LikenessDisputeEvidenceOpened> e, IDocumentOperations ops)
    {
        ops.Store(new DisputeEvidenceAccess { Id = e.Data.AccessId, DisputeId = e.Data.DisputeId, ModeratorId = e.Data.ModeratorId, At = e.Data.At, Seq = e.Sequence });
        ops.Store(Action(e, ModerationRecordsProjection.OpenDisputeEvidenceAction, e.Data.DisputeId, null, null, e.Data.ModeratorId, e.Data.At));
    }

    public void Project(IEvent<LikenessDisputeResolved> e, IDocumentOperations ops) =>
        ops.Store(Action(e, e.Data.Holder == DisputeHolder.Incumbent ? "DISPUTE_KEPT_BY_INCUMBENT" : "DISPUTE_AWARDED_TO_CLAIMANT", e.Data.DisputeId,
            null, null, e.Data.ModeratorId, e.Data.At));
}
