using Marten;
using Microsoft.Extensions.Logging;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Render.Cameos;

/// <summary>
/// Worker side of cameo verification (the "verification" queue). Opens the sealed recording, runs the
/// <see cref="LikenessVerifier"/>, seals the face template under the cameo's key and records the outcome.
/// A job for a recording that is no longer the current one is dropped: a newer upload superseded it. A recording
/// whose face is another account's likeness is refused and opens a dispute (<see cref="CompleteCameoVerificationDecider"/>).
/// </summary>
public static class VerifyCameoRecordingHandler
{
    public const string TemplateKind = "cameo-template";
    public const string FaceCropKind = "cameo-face-crop";

    public static async Task Handle(VerifyCameoRecording job, IDocumentSession session, PersonalDataVault vault,
        LikenessVerifier verifier, CameoTemplateIndex index, TimeProvider clock, ILogger<LikenessVerifier> logger, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Cameo>(job.CameoId, ct);
        var cameo = stream.Aggregate;
        if (cameo is null || cameo.Status != CameoStatus.Verifying || cameo.RecordingSha256 != job.Sha256)
        {
            logger.LogInformation("Skipping verification of cameo {CameoId}: superseded or already decided", job.CameoId);
            return;
        }

        var recording = await vault.OpenAsync<byte[]>(session, job.CameoId, SubmitCameoRecordingHandler.RecordingKind, ct);
        VerificationResult result;
        if (recording is null)
        {
            result = new VerificationResult(VerificationFailure.UnreadableMedia, "The recording is no longer available.", null, null);
        }
        else
        {
            // ffprobe and ffmpeg read from a path; the file lives only for the duration of the check.
            var path = Path.Combine(Path.GetTempPath(), $"sora-cameo-{job.CameoId:N}-{Guid.NewGuid():N}");
            try
            {
                await File.WriteAllBytesAsync(path, recording, ct);
                result = await verifier.VerifyAsync(path, ct);
            }
            finally
            {
                File.Delete(path);
            }
        }

        var now = clock.GetUtcNow();
        var matches = new List<LikenessMatchFound>();
        if (result.Verified)
        {
            // One face, one account: this check and the append below hold the claims lock, so two accounts verifying
            // the same face at once cannot both pass; the templates are read after the lock, fresh from committed state.
            await AdvisoryLock.AcquireAsync(session, AdvisoryLock.LikenessClaims, Guid.Empty, ct);
            matches.AddRange(LikenessProtection.Match(await index.CurrentAsync(ct), [result.Template!]));
        }
        var outcome = CompleteCameoVerificationDecider.Decide(cameo, result.Verified ? null : ReasonCode(result.Failure!.Value), matches,
            Guid.CreateVersion7(), now);
        if (outcome.Verified)
        {
            await vault.SealAsync(session, job.CameoId, TemplateKind, result.Template!, ct);
            await vault.SealAsync(session, job.CameoId, FaceCropKind, result.FaceCropJpeg!, ct);
        }
        else if (outcome.Dispute is { } dispute)
        {
            // Someone else's face: nothing of it is kept (no template, no crop; the recording goes below).
            session.Events.StartStream<LikenessDispute>(dispute.DisputeId, dispute);
        }
        // Decided: the recording itself is not needed any more, whatever the outcome (a refused one, UNREADABLE_MEDIA
        // included, used to stay sealed). The template and crop are all a likeness keeps.
        session.DeleteWhere<SealedRecord>(r => r.SubjectId == job.CameoId && r.Kind == SubmitCameoRecordingHandler.RecordingKind);
        stream.AppendMany(outcome.CameoEvents);
        logger.LogInformation("Cameo {CameoId} verification: {Outcome} ({Detail}) {Metrics}",
            job.CameoId, outcome.Verified ? "verified" : outcome.Dispute is not null ? "likeness already claimed" : result.Failure.ToString(),
            result.Detail, result.Metrics);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>UNREADABLE_MEDIA, TOO_SHORT, NO_FACE, MULTIPLE_FACES, IDENTITY_CHANGED, NO_LIVENESS_MOTION, NO_SPEECH.</summary>
    public static string ReasonCode(VerificationFailure failure) =>
        string.Concat(failure.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
