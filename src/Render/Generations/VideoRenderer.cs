using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Sora.Domain.Generations;
using Sora.Domain.Text;
using Sora.Render.Media;
using Sora.Render.Models;
using Sora.Render.Provenance;

namespace Sora.Render.Generations;

/// <summary>
/// Everything one render needs, resolved by the worker (media paths, decoded likenesses, receipts).
/// <paramref name="RemixSourceHandle"/>: the remix source's creator, credited in the watermark (null when unknown).
/// </summary>
public sealed record RenderJob(
    Guid GenerationId, string Prompt, string CreatorHandle, int Width, int Height, int DurationSeconds, double Fps, long Seed,
    string? ImagePath = null, string? RemixSourcePath = null, IReadOnlyList<RgbImage>? CameoFaces = null,
    IReadOnlyList<string>? ConsentReceipts = null, IReadOnlyList<ProvenanceInput>? Inputs = null, IReadOnlyList<string>? Dialogue = null,
    string? RemixSourceHandle = null, VideoStyle Style = VideoStyle.World);

public enum RenderPhase
{
    Rendering,
    Encoding,
}

public sealed record RenderProgress(RenderPhase Phase, int Percent);

/// <summary>The signed file and poster, the soundtrack, and where the render's time went (storing is the worker's to add).</summary>
public sealed record RenderOutput(byte[] Mp4, byte[] PosterJpeg, string ManifestSha256, Soundtrack Sound, string Model, string Provider,
    RenderTimings Timings, ScenePlan? Scene = null);

/// <summary>
/// The render pipeline, streamed so that the encoder never waits for the whole scene: the video model renders batches
/// at its working size (a quarter of the output per side) on one task, the compositor builds each output frame from the
/// layers on a second, and ffmpeg encodes the picture as the frames arrive, through bounded channels (a slow stage holds
/// the ones before it back, so memory stays a few frames deep). Speech is synthesised meanwhile in its own process. The
/// sound designer scores the finished picture's motion, the sound is muxed in without re-encoding the video, and the
/// provenance manifest is signed into the file.
/// <paramref name="checkpoint"/> runs between batches: the worker re-checks consent and cancellation there. The first
/// stage to fail stops the others, and its error is the one the render throws.
/// </summary>
public sealed class VideoRenderer(VideoModels models, IPromptEmbedder embedder, ProvenanceSigner signer, ProvenanceVerifier verifier)
{
    /// <summary>One model for every style (tests and benchmarks of one model).</summary>
    public VideoRenderer(IVideoModel model, IPromptEmbedder embedder, ProvenanceSigner signer, ProvenanceVerifier verifier)
        : this(VideoModels.Single(model), embedder, signer, verifier)
    {
    }

    /// <summary>Frames per model call: what suits CUDA (one launch per batch); on the CPU it only sets the checkpoint rate.</summary>
    public const int BatchFrames = 8;

    // Scenes are small (the model's working size): two batches of them keep the compositor fed. Composed frames are
    // full size (2.7 MB at 720p): a few are enough to cover the encoder's jitter.
    private const int SceneBuffer = 2 * BatchFrames;
    private const int FrameBuffer = 4;

    public async Task<RenderOutput> RenderAsync(RenderJob job, Func<RenderProgress, Task> progress, Func<Task> checkpoint, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var model = models.For(job.Style);
        var (modelClock, compositing, sounding, encoding, starved, signing) =
            (new StageClock(), new StageClock(), new StageClock(), new StageClock(), new StageClock(), new StageClock());
        var frameCount = (int)Math.Round(job.DurationSeconds * job.Fps);
        var (mw, mh) = (Even(job.Width / 4), Even(job.Height / 4));
        var embedding = embedder.Embed(job.Prompt);
        var dialogue = job.Dialogue ?? [];

        IReadOnlyList<(TimeSpan, RgbImage Frame)> source = [];
        if (job.RemixSourcePath is not null)
        {
            var clip = await modelClock.TimeAsync(() => MediaDecoder.DecodeAsync(job.RemixSourcePath, job.Fps, Math.Max(mw, mh), TimeSpan.FromSeconds(job.DurationSeconds), ct));
            source = clip.Frames;
            if (source.Count == 0) throw new InvalidDataException("The remix source has no decodable frames.");
        }
        RgbImage? image = job.ImagePath is null ? null : await compositing.TimeAsync(() => StillImage.DecodeAsync(job.ImagePath, 2048, ct));
        // Made before the stages: a model that works inside one batch (an external server) stops on it too.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heard = new ModelProgress(progress);
        var request = new SceneRequest(embedding, job.Seed, mw, mh, job.Fps, frameCount,
            source.Count == 0 ? null : i => source[i % source.Count].Frame, job.Prompt, job.CameoFaces, image, heard, stop.Token);
        // A model that composes its inputs (its plate is the photo; it says where its figures' heads are) leaves the
        // compositor the upscale and the faces at those places; otherwise the compositor lays both over the scene.
        var compositor = compositing.Time(() => model.ComposesInputs
            ? new Compositor(job.Width, job.Height, job.Fps, image, job.CameoFaces ?? [], i => model.Likenesses(request, i))
            : new Compositor(job.Width, job.Height, job.Fps, image, job.CameoFaces ?? []));
        // The world model plans and simulates here, before any stage starts (a failure leaves nothing running).
        var plan = modelClock.Time(() => model.Plan(request));
        var cues = sounding.Time(() => model.Sound(request));
        var watermark = WatermarkFor(job);

        // From here on, stages run at once: none is started before this point, so an input that fails to decode
        // above leaves nothing running.
        var stages = new Stages(stop);
        // espeak-ng runs in its own process while the model renders; the speech's length places the caption, which
        // the encoder needs before its first frame.
        var speaking = stages.Run(null, () => dialogue.Count == 0
            ? Task.FromResult<float[]?>(null)
            : sounding.TimeAsync(async () => (float[]?)await SpeechSynthesizer.SpeakAsync(string.Join(". ", dialogue), SoundDesigner.SampleRate, ct: stop.Token)));

        var scenes = Channel.CreateBounded<RgbImage>(new BoundedChannelOptions(SceneBuffer) { SingleReader = true, SingleWriter = true });
        var frames = Channel.CreateBounded<RgbImage>(new BoundedChannelOptions(FrameBuffer) { SingleReader = true, SingleWriter = true });
        var modelling = stages.Run(scenes.Writer, async () =>
        {
            for (var start = 0; start < frameCount; start += BatchFrames)
            {
                await checkpoint();
                stop.Token.ThrowIfCancellationRequested();
                var batch = modelClock.Time(() => model.RenderBatch(request, start, Math.Min(BatchFrames, frameCount - start)));
                await heard.Drain();
                foreach (var scene in batch) await scenes.Writer.WriteAsync(scene, stop.Token);
                await progress(new RenderProgress(RenderPhase.Rendering, Math.Min(99, (start + batch.Count) * 100 / frameCount)));
            }
            await checkpoint();
            await progress(new RenderProgress(RenderPhase.Encoding, 0));
        });

        // The sound follows the picture's motion, measured on the scenes as they pass; the poster is the composed frame
        // a third of the way in, kept as it passes (composed once: the encoder only reads it).
        var motion = new double[frameCount];
        var posterIndex = frameCount / 3;
        RgbImage? posterFrame = null;
        var composed = 0;
        var composing = stages.Run(frames.Writer, async () =>
        {
            RgbImage? previous = null;
            var index = 0;
            await foreach (var scene in scenes.Reader.ReadAllAsync(stop.Token))
            {
                if (previous is not null) motion[index] = sounding.Time(() => SoundDesigner.MotionEnergy(previous, scene));
                var frame = compositing.Time(() => compositor.Compose(scene, index));
                if (index == posterIndex) posterFrame = frame;
                previous = scene;
                index++;
                await frames.Writer.WriteAsync(frame, stop.Token);
            }
            composed = index;
        });

        var temp = Path.Combine(Path.GetTempPath(), $"sora-render-{job.GenerationId:N}-{Guid.NewGuid():N}");
        byte[] encoded, poster;
        Soundtrack sound;
        Task<byte[]>? posting = null;
        try
        {
            // A stage's failure surfaces as the first one, not as the cancellation it caused in the others.
            await ((Task)speaking).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            stages.ThrowIfFailed();
            var speech = await speaking;
            var captions = new List<VideoEncoder.Caption>();
            if (speech is not null)
                captions.Add(new VideoEncoder.Caption(string.Join(" ", dialogue), SoundDesigner.SpeechStart,
                    Math.Min(job.DurationSeconds, SoundDesigner.SpeechStart + speech.Length / (double)SoundDesigner.SampleRate + 0.3)));
            var picture = stages.Run(null, () => encoding.TimeAsync(() =>
                VideoEncoder.EncodeVideoAsync(temp + "-video.mp4", job.Width, job.Height, job.Fps, frames.Reader, watermark, captions, starved, stop.Token)));
            await Task.WhenAll(modelling, composing, picture).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            stages.ThrowIfFailed();
            // ffmpeg ends cleanly on a pipe that closes early, so the file is only whole if every frame went in.
            stop.Token.ThrowIfCancellationRequested();
            if (composed != frameCount) throw new InvalidOperationException($"The encoder got {composed} of {frameCount} frames.");

            sound = sounding.Time(() => SoundDesigner.Design(job.DurationSeconds, job.Fps, motion, embedding, job.Seed, job.Prompt, speech, scene: cues));
            // The poster and the mux are two small ffmpeg runs at once, timed as one span of encoding.
            posting = PosterAsync(posterFrame!, watermark, posterIndex / job.Fps, stop.Token);
            await encoding.TimeAsync(() => Task.WhenAll(posting, VideoEncoder.MuxAsync(temp + "-video.mp4", sound, temp + ".mp4", stop.Token)));
            encoded = await File.ReadAllBytesAsync(temp + ".mp4", ct);
            poster = await posting;
        }
        finally
        {
            // Whatever failed, no stage (and no ffmpeg) is left running on the temporary files.
            stages.Stop();
            await Task.WhenAll(posting is null ? [speaking, modelling, composing] : [speaking, modelling, composing, posting])
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            File.Delete(temp + "-video.mp4");
            File.Delete(temp + ".mp4");
        }

        // The video and its poster each carry their own manifest (same actions, inputs and receipts; each bound to
        // its own bytes), so the public still is as verifiable as the clip.
        var (file, signedPoster, manifest) = signing.Time(() =>
        {
            var agent = $"{model.Name} ({model.Provider})";
            var title = $"Sora video {job.GenerationId}";
            var inputs = SoraAssertions.Read(job.Inputs ?? [], verifier);
            var file = C2paBmff.Sign(encoded, SoraAssertions.Content(title, agent, job.ConsentReceipts ?? [], inputs), signer);
            var signedPoster = C2paImage.SignJpeg(poster, SoraAssertions.Content(title + " (poster)", agent, job.ConsentReceipts ?? [], inputs), signer);
            return (file, signedPoster, SoraAssertions.ManifestDigest(file));
        });
        var timings = new RenderTimings(modelClock.Milliseconds, compositing.Milliseconds, sounding.Milliseconds, encoding.Milliseconds,
            starved.Milliseconds, signing.Milliseconds, 0, (int)Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        return new RenderOutput(file, signedPoster, manifest, sound, model.Name, model.Provider, timings, plan);
    }

    /// <summary>
    /// Progress a model reports from inside a batch (an external server making the whole clip on the first one),
    /// passed on in order as rendering percent; the stage awaits what is queued after each batch.
    /// </summary>
    private sealed class ModelProgress(Func<RenderProgress, Task> progress) : IProgress<double>
    {
        private readonly Lock _lock = new();
        private Task _last = Task.CompletedTask;

        public void Report(double value)
        {
            var percent = Math.Clamp((int)(value * 100), 0, 99);
            lock (_lock) _last = _last.ContinueWith(_ => progress(new RenderProgress(RenderPhase.Rendering, percent)), TaskScheduler.Default).Unwrap();
        }

        public Task Drain()
        {
            lock (_lock) return _last;
        }
    }

    /// <summary>
    /// The stages of one render, each on its own task. The first failure is kept and cancels the rest (their own
    /// cancellations and closed channels follow from it and are not the cause); a stage's output channel is
    /// completed either way, so the stage after it ends too.
    /// </summary>
    private sealed class Stages(CancellationTokenSource stop)
    {
        private ExceptionDispatchInfo? _first;

        public Task<T> Run<T>(ChannelWriter<RgbImage>? output, Func<Task<T>> work) => Task.Run(async () =>
        {
            try
            {
                var result = await work();
                output?.TryComplete();
                return result;
            }
            catch (Exception e)
            {
                // The stage after this one ends first, whatever cancelling the others does.
                output?.TryComplete(e);
                Fail(e);
                throw;
            }
        });

        public Task Run(ChannelWriter<RgbImage>? output, Func<Task> work) => Run(output, async () =>
        {
            await work();
            return true;
        });

        public void ThrowIfFailed() => Volatile.Read(ref _first)?.Throw();

        /// <summary>Cancels every stage still running (done or failed, the render needs none of them any more).</summary>
        public void Stop()
        {
            try
            {
                stop.Cancel();
            }
            catch (AggregateException)
            {
                // A cancellation callback (FFMpegCore stopping its ffmpeg) failed: what the render throws stays its own.
            }
        }

        private void Fail(Exception e)
        {
            if (Interlocked.CompareExchange(ref _first, ExceptionDispatchInfo.Capture(e), null) is null) Stop();
        }
    }

    /// <summary>The mark every frame and the poster carry: the creator, and for a remix the source's creator.</summary>
    public static Watermark WatermarkFor(RenderJob job) => Watermark.For(job.CreatorHandle, job.RemixSourcePath is not null, job.RemixSourceHandle);

    /// <summary>
    /// The poster JPEG, the one place it is made: the composed frame with the watermark drawn where the video shows it
    /// at <paramref name="seconds"/> (a public still must not be a clean copy of the video).
    /// </summary>
    public static Task<byte[]> PosterAsync(RgbImage frame, Watermark watermark, double seconds, CancellationToken ct) =>
        StillImage.EncodeJpegAsync(frame, ct, VideoEncoder.WatermarkFilter(watermark.Layout(frame.Width, frame.Height), watermark, seconds));

    private static int Even(int value) => Math.Max(16, value / 2 * 2);
}
