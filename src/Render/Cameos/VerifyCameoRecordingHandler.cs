using Marten;
using Microsoft.Extensions.Logging;
using Sora.Domain.Cameos;
using Sora.Domain.Privacy;
using Wolverine;

namespace Sora.Render.Cameos;

/// <summary>
/// Worker side of cameo verification (the "verification" queue). Opens the sealed recording, runs the
/// <see cref="LikenessVerifier"/>, and reports what it found with <see cref="CompleteVerification"/>: Domain decides
/// (one face, one account), seals the template and records the outcome. A job for a recording that is no longer the
/// current one is dropped here early, and again in Domain, which decides on the stream's current state.
/// </summary>
public static class VerifyCameoRecordingHandler
{
    public static async Task Handle(VerifyCameoRecording job, IMessageBus bus, IDocumentStore store, PersonalDataVault vault,
        LikenessVerifier verifier, ILogger<LikenessVerifier> logger, CancellationToken ct)
    {
        byte[]? recording;
        await using (var query = store.QuerySession())
        {
            var cameo = await query.LoadAsync<Cameo>(job.CameoId, ct);
            if (cameo is null || cameo.Status != CameoStatus.Verifying || cameo.RecordingSha256 != job.Sha256)
            {
                logger.LogInformation("Skipping verification of cameo {CameoId}: superseded or already decided", job.CameoId);
                return;
            }
            recording = await vault.OpenAsync<byte[]>(query, job.CameoId, SubmitCameoRecordingHandler.RecordingKind, ct);
        }

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

        var decided = await bus.InvokeAsync<VerificationDecided>(new CompleteVerification(job.CameoId, job.Sha256,
            result.Verified ? null : ReasonCode(result.Failure!.Value), result.Template, result.FaceCropJpeg), ct);
        logger.LogInformation("Cameo {CameoId} verification: {Outcome} ({Detail}) {Metrics}",
            job.CameoId, decided.Outcome ?? "superseded", result.Detail, result.Metrics);
    }

    /// <summary>UNREADABLE_MEDIA, TOO_SHORT, NO_FACE, MULTIPLE_FACES, IDENTITY_CHANGED, NO_LIVENESS_MOTION, NO_SPEECH.</summary>
    public static string ReasonCode(VerificationFailure failure) =>
        string.Concat(failure.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
