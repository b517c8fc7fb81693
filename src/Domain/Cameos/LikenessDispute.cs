using Sora.Domain.Moderation;

namespace Sora.Domain.Cameos;

public enum LikenessDisputeStatus
{
    Open,
    /// <summary>A moderator decided who holds the likeness (<see cref="LikenessDispute.Holder"/>).</summary>
    Resolved,
}

/// <summary>
/// A dispute over whose face a likeness is: an account tried to verify a face another account has verified. Inline
/// snapshot, queried by moderators and auditors; moderators open its evidence and resolve it (src/Domain/Moderation).
/// </summary>
public sealed record LikenessDispute(Guid Id, Guid ClaimantCameoId, Guid ClaimantId, Guid ClaimedCameoId, Guid ClaimedOwnerId, double Similarity,
    DateTimeOffset OpenedAt)
{
    public LikenessDisputeStatus Status { get; init; } = LikenessDisputeStatus.Open;
    public DisputeHolder? Holder { get; init; }
    public Guid? ResolvedBy { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public int EvidenceAccesses { get; init; }

    public static LikenessDispute Create(LikenessDisputeOpened e) =>
        new(e.DisputeId, e.ClaimantCameoId, e.ClaimantId, e.ClaimedCameoId, e.ClaimedOwnerId, e.Similarity, e.At);

    public LikenessDispute Apply(LikenessDisputeEvidenceOpened e) => this with { EvidenceAccesses = EvidenceAccesses + 1 };

    public LikenessDispute Apply(LikenessDisputeResolved e) =>
        this with { Status = LikenessDisputeStatus.Resolved, Holder = e.Holder, ResolvedBy = e.ModeratorId, ResolvedAt = e.At };

    /// <summary>Whether the account is one of the two parties (and so may not decide it).</summary>
    public bool Involves(Guid account) => ClaimantId == account || ClaimedOwnerId == account;
}
