using Marten;
using Microsoft.Extensions.Logging;
using Sora.Domain.Cameos;
using Sora.Domain.Generations;
using Sora.Domain.Privacy;
using Sora.Projections.Notifications;
using Sora.Render.Cameos;
using Sora.Render.Media;
using Sora.Render.Provenance;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Sora.Render.Generations;

/// <summary>The render was stopped on purpose (cancelled, consent lapsed, superseded): not a failure to retry.</summary>
public sealed class RenderAbandoned(string reason, GenerationCameo? lapsed = null) : Exception(reason)
{
    public GenerationCameo? Lapsed { get; } = lapsed;
}

/// <summary>
/// Worker side of generation (the durable "render" queue; workers compete). A job that dies with its worker stays
/// in the durable inbox and is recovered by another node, which renders from scratch (renders are deterministic).
/// Failures retry with backoff (2 s, 10 s); the third failure marks the generation FAILED, refunds it, and the
/// job goes to the dead-letter queue with its exception, where admins see it. Every other terminal path ends FAILED
/// and refunded too: a render past its <see cref="RenderDeadline"/> (RENDER_TIMEOUT, not retried), and a job whose
/// workers keep dying under it (started <see cref="MaxAttempts"/> times without an end: WORKER_LOST).
/// </summary>
public static class RenderVideoHandler
{
    public const int MaxAttempts = 3;

    public static void Configure(HandlerChain chain)
    {
        chain.OnException<Exception>(e => e is not (RenderAbandoned or RenderTimedOut))
            .RetryWithCooldown(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10))
            .Then.MoveToErrorQueue();
        // Wolverine's default (60 s) would cancel a long render and start it again from zero; the render's own
        // deadline, sized from its work, decides instead.
        chain.ExecutionTimeoutInSeconds = RenderDeadline.HardCapSeconds;
    }

    /// <summary>The render ran past its deadline.</summary>
    private sealed class RenderTimedOut(TimeSpan limit) : Exception($"The render ran past its limit of {limit.TotalSeconds:0} s.");

    public static async Task Handle(RenderVideo job, Envelope envelope, IDocumentStore store, VideoRenderer renderer, IMediaStore media,
        PersonalDataVault vault, GenerationProgress progress, RenderDeadline deadline, TimeProvider clock, ILogger<VideoRenderer> logger,
        CancellationToken ct)
    {
        Generation generation;
        await using (var session = store.LightweightSession())
        {
            var stream = await session.Events.FetchForWriting<Generation>(job.GenerationId, ct);
            if (stream.Aggregate is not { InProgress: true } current)
            {
                logger.LogInformation("Render {GenerationId} skipped: no longer queued", job.GenerationId);
                return;
            }
            if (current.Attempts >= MaxAttempts)
            {
                // Started this often and never finished: each worker that took it died (killed, out of memory). A
                // fourth would likely die the same way; the generation ends here, refunded.
                logger.LogWarning("Render {GenerationId} failed: {Attempts} starts without an end", job.GenerationId, current.Attempts);
                FailIn(session, stream, current, "WORKER_LOST", $"The render was started {current.Attempts} times and its worker was lost each time.", clock);
                await session.SaveChangesAsync(ct);
                return;
            }
            stream.AppendOne(new RenderStarted(current.Id, current.RequesterId, current.Attempts + 1, $"{Environment.MachineName}/{Environment.ProcessId}", clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            generation = current with { Stage = GenerationStage.Rendering, Attempts = current.Attempts + 1 };
        }

        var limit = deadline.For(generation);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(limit);
        try
        {
            RenderOutput output;
            try
            {
                output = await RenderAsync(generation, store, renderer, media, vault, progress, timer.Token);
            }
            catch (Exception e) when (e is not RenderAbandoned && timer.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // Whatever the cancellation surfaced as (a cancelled task, a pipe to a killed ffmpeg), the deadline passed.
                throw new RenderTimedOut(limit);
            }
            await FinishAsync(generation, output, store, media, clock, ct);
        }
        catch (RenderTimedOut timedOut)
        {
            logger.LogWarning("Render {GenerationId} timed out after {Seconds} s", generation.Id, limit.TotalSeconds);
            await FailAsync(store, generation.Id, "RENDER_TIMEOUT", timedOut.Message, clock, ct);
        }
        catch (RenderAbandoned abandoned)
        {
            logger.LogInformation("Render {GenerationId} abandoned: {Reason}", generation.Id, abandoned.Message);
            // Consent lapsed: blocked (and refunded). Otherwise, if it is still in progress (not cancelled meanwhile), an
            // input it needs is gone (the remix source, the input image, a likeness's crop): FAILED and refunded.
            if (abandoned.Lapsed is { } cameo) await BlockAsync(store, generation.Id, cameo, clock, ct);
            else await FailAsync(store, generation.Id, "INPUT_UNAVAILABLE", abandoned.Message, clock, ct);
        }
        catch (Exception e) when (envelope.Attempts >= MaxAttempts && !ct.IsCancellationRequested)
        {
            // The last try: whatever failed it (an exception, or a cancellation that was not the host stopping), the
            // generation ends FAILED and refunded before the job goes on to the dead-letter queue.
            await FailAsync(store, generation.Id, "RENDER_FAILED", e.Message, clock, ct);
            throw; // on to the dead-letter queue, with the exception as its visible reason
        }
    }

    private static async Task<RenderOutput> RenderAsync(Generation generation, IDocumentStore store, VideoRenderer renderer,
        IMediaStore media, PersonalDataVault vault, GenerationProgress progress, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var faces = new List<RgbImage>();
        // Only mentioned likenesses are composited in: a face found in the input image or remix source, or inherited
        // from the remixed video, is already in the frames it came with (it is a use all the same, with its receipt).
        foreach (var cameo in generation.Cameos.Where(c => c.Path == CameoUsePath.Mention))
        {
            var crop = await vault.OpenAsync<byte[]>(query, cameo.CameoId, VerifyCameoRecordingHandler.FaceCropKind, ct)
                       ?? throw new RenderAbandoned("The cameo's likeness is gone (deleted).", cameo);
            faces.Add(await StillImage.DecodeBytesAsync(crop, 256, 256, ct));
        }

        var lineage = new List<ProvenanceAction>();
        string? remixPath = null;
        if (generation.RemixOf is { } parentId)
        {
            var parent = await query.LoadAsync<Generation>(parentId, ct);
            remixPath = parent?.VideoMediaId is { } video ? media.LocalPath(video) : null;
            if (remixPath is null) throw new RenderAbandoned("The remix source is gone.");
            lineage.Add(new ProvenanceAction("c2pa.edited", SoftwareAgent: "remix", Ingredient: $"sora:video:{parentId}#manifest-sha256={parent!.ManifestSha256}"));
        }
        string? imagePath = null;
        if (generation.ImageMediaId is { } image)
        {
            imagePath = media.LocalPath(image) ?? throw new RenderAbandoned("The input image is gone.");
            lineage.Add(new ProvenanceAction("c2pa.placed", SoftwareAgent: "image-to-video", Ingredient: $"sha256:{image}"));
        }

        var (width, height) = GenerationFormat.Size(generation.Aspect, generation.Resolution);
        var job = new RenderJob(generation.Id, generation.Prompt, generation.RequesterHandle, width, height, generation.DurationSeconds,
            GenerationFormat.Fps, generation.Seed, imagePath, remixPath, faces, generation.Cameos.Select(c => c.ReceiptHash).ToList(), lineage,
            GenerationRules.Dialogue(generation.Prompt));

        var lastPercent = -5;
        return await renderer.RenderAsync(job,
            async p =>
            {
                var state = p.Phase == RenderPhase.Encoding ? GenerationState.Encoding : GenerationState.Rendering;
                if (state == GenerationState.Rendering && p.Percent - lastPercent < 5) return;
                lastPercent = p.Percent;
                await progress.SendAsync(generation, state, p.Percent, ct);
            },
            async () =>
            {
                // Between batches: stop as soon as the generation was cancelled or a cameo's consent lapsed.
                await using var check = store.QuerySession();
                var now = await check.LoadAsync<Generation>(generation.Id, ct);
                if (now is not { InProgress: true }) throw new RenderAbandoned("The generation is no longer in progress.");
                var (standing, lapsed, _) = await GenerationConsent.CheckAsync(check, now, ct);
                if (standing == ConsentStanding.Lapsed) throw new RenderAbandoned("Consent lapsed during the render.", lapsed);
            }, ct);
    }

    /// <summary>
    /// Stores the media and marks the generation ready, in a transaction that also appends CameoUseRendered to each
    /// cameo's stream: a revocation that commits meanwhile makes it fail its version check, and the retry blocks.
    /// </summary>
    private static async Task FinishAsync(Generation generation, RenderOutput output, IDocumentStore store, IMediaStore media,
        TimeProvider clock, CancellationToken ct)
    {
        var video = await media.PutAsync(output.Mp4, ct);
        var poster = await media.PutAsync(output.PosterJpeg, ct);
        var (width, height) = GenerationFormat.Size(generation.Aspect, generation.Resolution);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var session = store.LightweightSession();
                var stream = await session.Events.FetchForWriting<Generation>(generation.Id, ct);
                if (stream.Aggregate is not { Stage: GenerationStage.Rendering } current) return; // cancelled or blocked meanwhile
                var now = clock.GetUtcNow();
                foreach (var cameo in current.Cameos) await session.Events.FetchForWriting<Cameo>(cameo.CameoId, ct);
                var (standing, lapsed, _) = await GenerationConsent.CheckAsync(session, current, ct);
                if (standing == ConsentStanding.Lapsed)
                {
                    GenerationConsent.Block(session, current, lapsed!, now);
                    await session.SaveChangesAsync(ct);
                    return;
                }
                foreach (var cameo in current.Cameos)
                    session.Events.Append(cameo.CameoId, new CameoUseRendered(cameo.CameoId, cameo.UseId, current.Id, now));
                MediaObject Rendered(MediaKind kind, string sha, string contentType, long bytes) => new()
                {
                    Id = MediaObject.KeyFor(kind, current.RequesterId, sha), Sha256 = sha, Kind = kind, ContentType = contentType, Bytes = bytes,
                    Width = width, Height = height, OwnerId = current.RequesterId, GenerationId = current.Id, CreatedAt = now,
                };
                session.Store(Rendered(MediaKind.Video, video, "video/mp4", output.Mp4.LongLength),
                    Rendered(MediaKind.Poster, poster, "image/jpeg", output.PosterJpeg.LongLength));
                stream.AppendOne(new GenerationRendered(current.Id, current.RequesterId, video, poster, width, height, current.DurationSeconds,
                    output.Mp4.LongLength, output.ManifestSha256, output.Model, output.Provider, now));
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (attempt < 5 && e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
            {
                // Someone wrote to a cameo or the generation meanwhile (a revoke, a cancel): decide again.
            }
        }
    }

    private static async Task BlockAsync(IDocumentStore store, Guid id, GenerationCameo cameo, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Generation>(id, ct);
        if (stream.Aggregate is not { InProgress: true } current) return;
        GenerationConsent.Block(session, current, cameo, clock.GetUtcNow());
        await session.SaveChangesAsync(ct);
    }

    private static async Task FailAsync(IDocumentStore store, Guid id, string reason, string detail, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Generation>(id, ct);
        if (stream.Aggregate is not { InProgress: true } current) return;
        FailIn(session, stream, current, reason, detail, clock);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>FAILED with its reason, and the refund to where the price came from, in the caller's transaction.</summary>
    private static void FailIn(IDocumentSession session, JasperFx.Events.IEventStream<Generation> stream,
        Generation current, string reason, string detail, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        stream.AppendOne(new GenerationFailed(current.Id, current.RequesterId, reason, detail.Length > 300 ? detail[..300] : detail, now));
        session.Events.Append(Domain.Credits.CreditLedger.StreamFor(current.RequesterId), current.Refund(now));
    }
}
