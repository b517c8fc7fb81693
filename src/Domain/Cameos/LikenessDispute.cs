namespace Sora.Domain.Cameos;

public enum LikenessDisputeStatus
{
    Open,
}

/// <summary>
/// A dispute over whose face a likeness is: an account tried to verify a face another account has verified. Inline
/// snapshot, queried by moderators and auditors; the moderation queue resolves it (and adds its further states).
/// </summary>
public sealed record LikenessDispute(Guid Id, Guid ClaimantCameoId, Guid ClaimantId, Guid ClaimedCameoId, Guid ClaimedOwnerId, double Similarity,
    DateTimeOffset OpenedAt)
{
    public LikenessDisputeStatus Status { get; init; } = LikenessDisputeStatus.Open;

    public static LikenessDispute Create(LikenessDisputeOpened e) =>
        new(e.DisputeId, e.ClaimantCameoId, e.ClaimantId, e.ClaimedCameoId, e.ClaimedOwnerId, e.Similarity, e.At);
}
