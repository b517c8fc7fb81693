using Marten;
using Microsoft.Extensions.Logging;
using Sora.Domain.Moderation;
using Sora.Domain.Privacy;
using Sora.Render.Cameos;
using Wolverine;

namespace Sora.Render.Moderation;

/// <summary>
/// Worker side of an opt-out's verification (the "verification" queue, beside cameo recordings): the same
/// <see cref="LikenessVerifier"/> and the same checks as a cameo recording, then <see cref="CompleteOptOutVerification"/>
/// back to Domain, which decides and seals the template. The face crop is not needed: nobody renders an opt-out.
/// </summary>
public static class VerifyOptOutRecordingHandler
{
    public static async Task Handle(VerifyOptOutRecording job, IMessageBus bus, IDocumentStore store, PersonalDataVault vault,
        LikenessVerifier verifier, ILogger<LikenessVerifier> logger, CancellationToken ct)
    {
        byte[]? recording;
        await using (var query = store.QuerySession())
        {
            var optOut = await query.LoadAsync<LikenessOptOut>(job.OptOutId, ct);
            if (optOut is null || optOut.Status != OptOutStatus.Verifying || optOut.RecordingSha256 != job.Sha256)
            {
                logger.LogInformation("Skipping verification of opt-out {OptOutId}: superseded, withdrawn or already decided", job.OptOutId);
                return;
            }
            recording = await vault.OpenAsync<byte[]>(query, job.OptOutId, LikenessOptOuts.RecordingKind, ct);
        }

        VerificationResult result;
        if (recording is null)
        {
            result = new VerificationResult(VerificationFailure.UnreadableMedia, "The recording is no longer available.", null, null);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), $"sora-optout-{job.OptOutId:N}-{Guid.NewGuid():N}");
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

        var decided = await bus.InvokeAsync<Sora.Domain.Cameos.VerificationDecided>(new CompleteOptOutVerification(job.OptOutId, job.Sha256,
            result.Verified ? null : VerifyCameoRecordingHandler.ReasonCode(result.Failure!.Value), result.Template), ct);
        logger.LogInformation("Opt-out {OptOutId} verification: {Outcome} ({Detail})", job.OptOutId, decided.Outcome ?? "superseded", result.Detail);
    }
}
