namespace Sora.Domain.Cameos;

public enum CameoStatus
{
    /// <summary>Started; waiting for the owner's recording.</summary>
    AwaitingRecording,
    /// <summary>A recording is queued for or under verification.</summary>
    Verifying,
    Verified,
    /// <summary>The last recording was refused (see FailureReason); the owner may record again.</summary>
    Failed,
}

/// <summary>A cameo: one person's verified likeness. Consent rules (audience, grants) build on this aggregate.</summary>
public sealed record Cameo(
    Guid Id,
    Guid OwnerId,
    CameoStatus Status,
    string Phrase,
    string? FailureReason,
    string? RecordingSha256,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static Cameo Create(CameoVerificationStarted e) =>
        new(e.CameoId, e.OwnerId, CameoStatus.AwaitingRecording, e.Phrase, null, null, 0, e.At, e.At);

    public Cameo Apply(CameoRecordingReceived e) =>
        this with { Status = CameoStatus.Verifying, RecordingSha256 = e.Sha256, Attempts = Attempts + 1, FailureReason = null, UpdatedAt = e.At };

    public Cameo Apply(CameoVerified e) => this with { Status = CameoStatus.Verified, UpdatedAt = e.At };

    public Cameo Apply(CameoVerificationFailed e) => this with { Status = CameoStatus.Failed, FailureReason = e.Reason, UpdatedAt = e.At };

    /// <summary>Re-recording a verified cameo is allowed: the new recording replaces the likeness once verified.</summary>
    public bool AcceptsRecording => Status is CameoStatus.AwaitingRecording or CameoStatus.Failed or CameoStatus.Verified;
}
