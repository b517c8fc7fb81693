using Marten;

namespace Sora.Domain.Cameos;

// Cameo events carry ids, states and reason codes. The recording, the face template and the reference crop are
// personal (biometric) data: they are sealed in the vault under the cameo's own key, never put in events.

public sealed record CameoVerificationStarted(Guid CameoId, Guid OwnerId, string Phrase, DateTimeOffset At);

/// <summary>A recording arrived. <paramref name="Sha256"/> identifies the exact bytes verified.</summary>
public sealed record CameoRecordingReceived(Guid CameoId, Guid OwnerId, string Sha256, long Bytes, DateTimeOffset At);

public sealed record CameoVerified(Guid CameoId, Guid OwnerId, DateTimeOffset At);

public sealed record CameoVerificationFailed(Guid CameoId, Guid OwnerId, string Reason, DateTimeOffset At);

/// <summary>
/// A verification found the recorded face to be another account's verified likeness (DESIGN §4 invariant 6): the
/// claimant's recording was refused (LIKENESS_ALREADY_CLAIMED) and no template was kept. Its own stream, so
/// moderators can resolve it without touching either cameo. Ids and the match score only: no biometric data.
/// </summary>
public sealed record LikenessDisputeOpened(Guid DisputeId, Guid ClaimantCameoId, Guid ClaimantId, Guid ClaimedCameoId, Guid ClaimedOwnerId,
    double Similarity, DateTimeOffset At);

public static class CameoEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<CameoVerificationStarted>("cameo_verification_started");
        opts.Events.MapEventType<CameoRecordingReceived>("cameo_recording_received");
        opts.Events.MapEventType<CameoVerified>("cameo_verified");
        opts.Events.MapEventType<CameoVerificationFailed>("cameo_verification_failed");
        opts.Events.MapEventType<LikenessDisputeOpened>("likeness_dispute_opened");
    }
}
