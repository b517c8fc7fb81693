using Marten;
using Microsoft.Extensions.Logging;
using Sora.Domain.Generations;
using Sora.Domain.Media;
using Sora.Domain.Moderation;
using Wolverine;

namespace Sora.Render.Moderation;

/// <summary>
/// Worker side of staydown (the durable "staydown" queue): fingerprints a removed video's media and sends
/// <see cref="RecordStaydownFingerprint"/> back; Domain decides whether it goes into force (not when the video was
/// restored meanwhile). Failures retry with Wolverine's defaults, then go to the dead-letter queue.
/// </summary>
public static class FingerprintRemovedVideoHandler
{
    public static async Task Handle(FingerprintRemovedVideo job, IMessageBus bus, IDocumentStore store, IMediaStore media,
        IMediaFingerprinter fingerprinter, ILogger<StaydownFingerprinter> logger, CancellationToken ct)
    {
        string? sha;
        await using (var query = store.QuerySession())
            sha = (await query.LoadAsync<Generation>(job.VideoId, ct))?.VideoMediaId;
        if (sha is null || media.LocalPath(sha) is not { } path)
        {
            logger.LogWarning("Staydown: removed video {VideoId} has no media to fingerprint", job.VideoId);
            return;
        }
        var print = await fingerprinter.FingerprintAsync(path, ct);
        await bus.InvokeAsync(new RecordStaydownFingerprint(job.CaseId, job.VideoId, sha, print), ct);
        logger.LogInformation("Staydown: fingerprinted removed video {VideoId} ({Frames} frames, {Audio} sound values)",
            job.VideoId, print.Frames.Length, print.Audio.Length);
    }
}
