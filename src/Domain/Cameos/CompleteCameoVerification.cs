namespace Sora.Domain.Cameos;

/// <summary>An account's verified likeness whose template matched the face of a new recording.</summary>
public sealed record LikenessMatchFound(Guid CameoId, Guid OwnerId, double Similarity);

/// <summary>What the verification of one recording comes to, for the cameo's stream and, on a claim, a dispute.</summary>
public sealed record VerificationOutcome(IReadOnlyList<object> CameoEvents, LikenessDisputeOpened? Dispute)
{
    public bool Verified => CameoEvents.Any(e => e is CameoVerified);
}

/// <summary>
/// Decides the outcome of a verified-or-refused recording (pure). A face belongs to one account: when the recording
/// passed every check but its face matches another account's likeness in force, it is refused with
/// LIKENESS_ALREADY_CLAIMED and a dispute is opened; matches with the owner's own likeness are a re-record, not a
/// dispute. A refusal of a re-record changes only the status and its reason: the likeness in force stays.
/// </summary>
public static class CompleteCameoVerificationDecider
{
    public const string LikenessAlreadyClaimed = "LIKENESS_ALREADY_CLAIMED";

    /// <param name="failureReason">The verifier's refusal code, or null when the recording passed its checks.</param>
    /// <param name="matches">Likenesses in force whose template matched the recording's face at the calibrated threshold.</param>
    public static VerificationOutcome Decide(Cameo cameo, string? failureReason, IReadOnlyList<LikenessMatchFound> matches, Guid disputeId,
        DateTimeOffset now)
    {
        if (failureReason is not null) return new([new CameoVerificationFailed(cameo.Id, cameo.OwnerId, failureReason, now)], null);
        var claimed = matches.Where(m => m.OwnerId != cameo.OwnerId).OrderByDescending(m => m.Similarity).FirstOrDefault();
        if (claimed is null) return new([new CameoVerified(cameo.Id, cameo.OwnerId, now)], null);
        return new([new CameoVerificationFailed(cameo.Id, cameo.OwnerId, LikenessAlreadyClaimed, now)],
            new LikenessDisputeOpened(disputeId, cameo.Id, cameo.OwnerId, claimed.CameoId, claimed.OwnerId, Math.Round(claimed.Similarity, 4), now));
    }
}
