using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Logging;
using Sora.Domain.Cameos;
using Sora.Domain.Generations;
using Sora.Domain.Media;
using Sora.Domain.Privacy;
using Sora.Render.Media;
using Sora.Render.Provenance;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Sora.Render.Generations;

/// <summary>The render was stopped on purpose (cancelled, consent lapsed, an input gone): not a failure to retry.</summary>
public sealed class RenderAbandoned(string reason, string code) : Exception(reason)
{
    /// <summary>What the generation ends with, unless it is no longer in progress: CONSENT_LAPSED or INPUT_UNAVAILABLE.</summary>
    public string Code { get; } = code;
}

/// <summary>
/// Worker side of generation (the durable "render" queue; workers compete). The worker decides nothing: it asks Domain
/// to start (<see cref="StartRender"/>), renders, stores the media, and reports <see cref="FinishRender"/> or
/// <see cref="FailRender"/>; Domain appends. A job that dies with its worker stays in the durable inbox and is recovered
/// by another node, which renders from scratch (renders are deterministic). Failures retry with backoff (2 s, 10 s); the
/// third failure ends the generation FAILED and refunded, and the job goes to the dead-letter queue with its exception,
/// where admins see it. A render past its <see cref="RenderDeadline"/> ends RENDER_TIMEOUT (not retried), and a job whose
/// workers keep dying under it ends WORKER_LOST (decided by <see cref="StartRenderDecider"/>).
/// </summary>
public static class RenderVideoHandler
{
    /// <summary>Deliveries of one job: the first, and the two retries below. The last one ends the generation FAILED.</summary>
    private const int MaxDeliveries = 3;

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

    public static async Task Handle(RenderVideo job, Envelope envelope, IMessageBus bus, IDocumentStore store, VideoRenderer renderer,
        IMediaStore media, PersonalDataVault vault, IRenderProgress progress, RenderDeadline deadline, ILogger<VideoRenderer> logger,
        CancellationToken ct)
    {
        RenderTicket ticket;
        try
        {
            ticket = await bus.InvokeAsync<RenderTicket>(new StartRender(job.GenerationId, $"{Environment.MachineName}/{Environment.ProcessId}"), ct);
        }
        catch (Exception e) when (envelope.Attempts >= MaxDeliveries && !ct.IsCancellationRequested)
        {
            // The last try could not even start: the generation ends FAILED and refunded before the job dead-letters.
            // If this fails too, the error is the database's, and a RENDERING generation left behind is ended by
            // StalledRenderSweeper.
            await bus.InvokeAsync(new FailRender(job.GenerationId, "RENDER_FAILED", e.Message), ct);
            throw;
        }
        if (ticket.Generation is not { } generation)
        {
            logger.LogInformation("Render {GenerationId} not started: no longer in progress, a use it shows lapsed, or its workers were lost too often", job.GenerationId);
            return;
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
            var storing = Stopwatch.StartNew();
            var video = await media.PutAsync(output.Mp4, ct);
            var poster = await media.PutAsync(output.PosterJpeg, ct);
            var stored = (int)storing.ElapsedMilliseconds;
            var timings = output.Timings with { StoringMs = stored, TotalMs = output.Timings.TotalMs + stored };
            await bus.InvokeAsync(new FinishRender(generation.Id, video, output.Mp4.LongLength, poster, output.PosterJpeg.LongLength,
                output.ManifestSha256, output.Model, output.Provider, timings, output.Scene), ct);
        }
        catch (RenderTimedOut timedOut)
        {
            logger.LogWarning("Render {GenerationId} timed out after {Seconds} s", generation.Id, limit.TotalSeconds);
            await bus.InvokeAsync(new FailRender(generation.Id, "RENDER_TIMEOUT", timedOut.Message), ct);
        }
        catch (RenderAbandoned abandoned)
        {
            // Cancelled meanwhile: FailRender leaves it alone. Consent lapsed: blocked. An input gone: FAILED. Refunded either way.
            logger.LogInformation("Render {GenerationId} abandoned: {Reason}", generation.Id, abandoned.Message);
            await bus.InvokeAsync(new FailRender(generation.Id, abandoned.Code, abandoned.Message), ct);
        }
        catch (Exception e) when (envelope.Attempts >= MaxDeliveries && !ct.IsCancellationRequested)
        {
            // The last try: whatever failed it (an exception, or a cancellation that was not the host stopping), the
            // generation ends FAILED and refunded before the job goes on to the dead-letter queue.
            await bus.InvokeAsync(new FailRender(generation.Id, "RENDER_FAILED", e.Message), ct);
            throw; // on to the dead-letter queue, with the exception as its visible reason
        }
    }

    private const string InputUnavailable = "INPUT_UNAVAILABLE";

    /// <summary>
    /// Whom a remix credits: the source video's creator, by the handle their account holds now, or null when that
    /// account is gone (the watermark then says "remix of a Sora video" and names nobody: the handle recorded on the
    /// source may have been freed and taken by someone else). The provenance ingredient names the source either way.
    /// </summary>
    public static async Task<string?> SourceCreatorHandleAsync(IQuerySession query, Generation source, CancellationToken ct) =>
        (await query.LoadAsync<Sora.Domain.Accounts.Account>(source.RequesterId, ct))?.Handle;

    private static async Task<RenderOutput> RenderAsync(Generation generation, IDocumentStore store, VideoRenderer renderer,
        IMediaStore media, PersonalDataVault vault, IRenderProgress progress, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var faces = new List<RgbImage>();
        // Only mentioned likenesses are composited in: a face found in the input image or remix source, or inherited
        // from the remixed video, is already in the frames it came with (it is a use all the same, with its receipt).
        foreach (var cameo in generation.Cameos.Where(c => c.Path == CameoUsePath.Mention))
        {
            var crop = await vault.OpenAsync<byte[]>(query, cameo.CameoId, CompleteVerificationHandler.FaceCropKind, ct)
                       ?? throw new RenderAbandoned("The cameo's likeness is gone (deleted).", InputUnavailable); // its deletion withdrew the use: FailRender blocks
            faces.Add(await StillImage.DecodeBytesAsync(crop, 256, 256, ct));
        }

        var inputs = new List<ProvenanceInput>();
        string? remixPath = null;
        string? sourceHandle = null;
        if (generation.RemixOf is { } parentId)
        {
            var parent = await query.LoadAsync<Generation>(parentId, ct);
            remixPath = parent?.VideoMediaId is { } video ? media.LocalPath(video) : null;
            if (remixPath is null) throw new RenderAbandoned("The remix source is gone.", InputUnavailable);
            inputs.Add(new ProvenanceInput(remixPath, "video/mp4", $"Sora video {parentId} (remix source)", $"sora:video:{parentId}"));
            sourceHandle = await SourceCreatorHandleAsync(query, parent!, ct);
        }
        string? imagePath = null;
        if (generation.ImageMediaId is { } image)
        {
            imagePath = media.LocalPath(image) ?? throw new RenderAbandoned("The input image is gone.", InputUnavailable);
            var upload = await query.LoadAsync<Sora.Domain.Media.MediaObject>(Sora.Domain.Media.MediaObject.KeyFor(Sora.Domain.Media.MediaKind.Upload, generation.RequesterId, image), ct);
            inputs.Add(new ProvenanceInput(imagePath, upload?.ContentType ?? "image/jpeg", "Input image (image-to-video)", $"sora:upload:sha256:{image}"));
        }

        var (width, height) = GenerationFormat.Size(generation.Aspect, generation.Resolution);
        var job = new RenderJob(generation.Id, generation.Prompt, generation.RequesterHandle, width, height, generation.DurationSeconds,
            GenerationFormat.Fps, generation.Seed, imagePath, remixPath, faces, generation.Cameos.Select(c => c.ReceiptHash).ToList(), inputs,
            GenerationRules.Dialogue(generation.Prompt), sourceHandle, generation.Style);

        var lastPercent = -5;
        return await renderer.RenderAsync(job,
            async p =>
            {
                var step = p.Phase == RenderPhase.Encoding ? RenderStep.Encoding : RenderStep.Rendering;
                if (step == RenderStep.Rendering && p.Percent - lastPercent < 5) return;
                lastPercent = p.Percent;
                await progress.ReportAsync(generation, step, p.Percent, ct);
            },
            async () =>
            {
                // Between batches: stop as soon as the generation was cancelled or a cameo's consent lapsed.
                await using var check = store.QuerySession();
                var now = await check.LoadAsync<Generation>(generation.Id, ct);
                if (now is not { InProgress: true }) throw new RenderAbandoned("The generation is no longer in progress.", InputUnavailable);
                if ((await GenerationConsent.CheckAsync(check, now, ct)).Standing == ConsentStanding.Lapsed)
                    throw new RenderAbandoned("Consent lapsed during the render.", GenerationConsent.ConsentLapsed);
            }, ct);
    }
}
