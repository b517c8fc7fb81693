namespace Sora.Domain.Cameos;

/// <summary>
/// An account's verified likeness whose template matched the face of a new recording. <see cref="OptOut"/>: it is not
/// a cameo but a person without an account who registered "never use my likeness" (<see cref="CameoId"/> is then the
/// opt-out's id and <see cref="OwnerId"/> is empty): a refusal for everyone.
/// </summary>
public sealed record LikenessMatchFound(Guid CameoId, Guid OwnerId, double Similarity)
{
    public bool OptOut { get; init; }
}

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
        // Someone registered this face as never to be used: no account may make it a cameo. The person who opted out
        // withdraws the opt-out with its token first (docs/moderation.md, "Opt-outs").
        if (matches.Any(m => m.OptOut))
            return new([new CameoVerificationFailed(cameo.Id, cameo.OwnerId, Moderation.LikenessOptOuts.OptedOut, now)], null);
        var claimed = matches.Where(m => m.OwnerId != cameo.OwnerId).OrderByDescending(m => m.Similarity).FirstOrDefault();
        if (claimed is null) return new([new CameoVerified(cameo.Id, cameo.OwnerId, now)], null);
        return new([new CameoVerificationFailed(cameo.Id, cameo.OwnerId, LikenessAlreadyClaimed, now)],
            new LikenessDisputeOpened(disputeId, cameo.Id, cameo.OwnerId, claimed.CameoId, claimed.OwnerId, Math.Round(claimed.Similarity, 4), now));
    }
}

/// <summary>
/// The verifier's finding on one recording (from a worker): a refusal code, or the face's identity template and crop
/// (biometric data: they travel in memory to this handler, which seals them, and never into an event or a queue).
/// </summary>
public sealed record CompleteVerification(Guid CameoId, string Sha256, string? FailureReason, float[]? Template, byte[]? FaceCropJpeg);

/// <summary>What was decided, for the worker's log: verified, or the reason it was not (null when the job was superseded).</summary>
public sealed record VerificationDecided(string? Outcome);

public static class CompleteVerificationHandler
{
    /// <summary>Vault record kinds under the cameo's key.</summary>
    public const string TemplateKind = "cameo-template";
    public const string FaceCropKind = "cameo-face-crop";
    /// <summary>The recording the likeness in force was verified from: the incumbent's evidence if its face is ever disputed.</summary>
    public const string VerifiedRecordingKind = "cameo-verified-recording";

    public static async Task<VerificationDecided> Handle(CompleteVerification command, Marten.IDocumentSession session, Privacy.PersonalDataVault vault,
        ILikenessScanner likenesses, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Cameo>(command.CameoId, ct);
        var cameo = stream.Aggregate;
        // A newer upload superseded this recording, or it was decided already: nothing to do.
        if (cameo is null || cameo.Status != CameoStatus.Verifying || cameo.RecordingSha256 != command.Sha256) return new VerificationDecided(null);
        var passed = command.FailureReason is null && command.Template is not null && command.FaceCropJpeg is not null;

        var matches = new List<LikenessMatchFound>();
        if (passed)
        {
            // One face, one account: this check and the append below hold the claims lock, so two accounts verifying
            // the same face at once cannot both pass; the templates are read after the lock, fresh from committed state.
            await Common.AdvisoryLock.AcquireAsync(session, Common.AdvisoryLock.LikenessClaims, Guid.Empty, ct);
            matches.AddRange(await likenesses.MatchAsync(command.Template!, ct));
        }
        var outcome = CompleteCameoVerificationDecider.Decide(cameo, passed ? null : command.FailureReason ?? "UNREADABLE_MEDIA", matches,
            Guid.CreateVersion7(), clock.GetUtcNow());
        if (outcome.Verified)
        {
            await vault.SealAsync(session, command.CameoId, TemplateKind, command.Template!, ct);
            await vault.SealAsync(session, command.CameoId, FaceCropKind, command.FaceCropJpeg!, ct);
            // Kept under the cameo's key (shredded with it) as the holder's side of any later dispute; replaced by the
            // next recording that verifies, never by one that fails.
            if (await vault.OpenAsync<byte[]>(session, command.CameoId, SubmitCameoRecordingHandler.RecordingKind, ct) is { } verified)
                await vault.SealAsync(session, command.CameoId, VerifiedRecordingKind, verified, ct);
        }
        else if (outcome.Dispute is { } dispute)
        {
            // Someone else's face: no template or crop of it is kept for the claimant. The recording survives, sealed
            // under the dispute (its own key), as the claimant's evidence until a moderator resolves it.
            session.Events.StartStream<LikenessDispute>(dispute.DisputeId, dispute);
            if (await vault.OpenAsync<byte[]>(session, command.CameoId, SubmitCameoRecordingHandler.RecordingKind, ct) is { } evidence)
                await vault.SealAsync(session, dispute.DisputeId, Moderation.LikenessDisputes.EvidenceKind, evidence, ct);
        }
        // Decided: the submitted recording is not needed under the cameo any more, whatever the outcome.
        session.DeleteWhere<Privacy.SealedRecord>(r => r.SubjectId == command.CameoId && r.Kind == SubmitCameoRecordingHandler.RecordingKind);
        stream.AppendMany(outcome.CameoEvents);
        await session.SaveChangesAsync(ct);
        return new VerificationDecided(outcome.Verified ? "VERIFIED"
            : outcome.CameoEvents.OfType<CameoVerificationFailed>().Select(f => f.Reason).FirstOrDefault());
    }
}
