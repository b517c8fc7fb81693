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
    string? RemixSourceHandle = null);

public enum RenderPhase
{
    Rendering,
    Encoding,
}

public sealed record RenderProgress(RenderPhase Phase, int Percent);

public sealed record RenderOutput(byte[] Mp4, byte[] PosterJpeg, string ManifestSha256, Soundtrack Sound, string Model, string Provider);

/// <summary>
/// The render pipeline: the video model renders the scene in batches at its working size (a quarter of the output
/// per side), the compositor builds each output frame from the layers, the sound designer scores the motion, the
/// encoder pipes both into ffmpeg, and the provenance manifest is signed into the file.
/// <paramref name="checkpoint"/> runs between batches: the worker re-checks consent and cancellation there.
/// </summary>
public sealed class VideoRenderer(IVideoModel model, IPromptEmbedder embedder, ProvenanceSigner signer, ProvenanceVerifier verifier)
{
    public const int BatchFrames = 8;

    public async Task<RenderOutput> RenderAsync(RenderJob job, Func<RenderProgress, Task> progress, Func<Task> checkpoint, CancellationToken ct)
    {
        var frameCount = (int)Math.Round(job.DurationSeconds * job.Fps);
        var (mw, mh) = (Even(job.Width / 4), Even(job.Height / 4));
        var embedding = embedder.Embed(job.Prompt);

        IReadOnlyList<(TimeSpan, RgbImage Frame)> source = [];
        if (job.RemixSourcePath is not null)
        {
            var clip = await MediaDecoder.DecodeAsync(job.RemixSourcePath, job.Fps, Math.Max(mw, mh), TimeSpan.FromSeconds(job.DurationSeconds), ct);
            source = clip.Frames;
            if (source.Count == 0) throw new InvalidDataException("The remix source has no decodable frames.");
        }
        var request = new SceneRequest(embedding, job.Seed, mw, mh, job.Fps, frameCount,
            source.Count == 0 ? null : i => source[i % source.Count].Frame);

        var scene = new List<RgbImage>(frameCount);
        for (var start = 0; start < frameCount; start += BatchFrames)
        {
            await checkpoint();
            ct.ThrowIfCancellationRequested();
            scene.AddRange(model.RenderBatch(request, start, Math.Min(BatchFrames, frameCount - start)));
            await progress(new RenderProgress(RenderPhase.Rendering, Math.Min(99, scene.Count * 100 / frameCount)));
        }
        await checkpoint();

        var motion = new List<double> { 0 };
        for (var i = 1; i < scene.Count; i++) motion.Add(SoundDesigner.MotionEnergy(scene[i - 1], scene[i]));
        var dialogue = job.Dialogue ?? [];
        float[]? speech = dialogue.Count == 0 ? null : await SpeechSynthesizer.SpeakAsync(string.Join(". ", dialogue), SoundDesigner.SampleRate, ct: ct);
        var sound = SoundDesigner.Design(job.DurationSeconds, job.Fps, motion, embedding, job.Seed, job.Prompt, speech);
        var captions = new List<VideoEncoder.Caption>();
        if (speech is not null)
            captions.Add(new VideoEncoder.Caption(string.Join(" ", dialogue), sound.SpeechStartSeconds!.Value,
                Math.Min(job.DurationSeconds, sound.SpeechStartSeconds.Value + speech.Length / (double)SoundDesigner.SampleRate + 0.3)));

        RgbImage? image = job.ImagePath is null ? null : await StillImage.DecodeAsync(job.ImagePath, 2048, ct);
        var compositor = new Compositor(job.Width, job.Height, job.Fps, image, job.CameoFaces ?? []);
        await progress(new RenderProgress(RenderPhase.Encoding, 0));
        var watermark = WatermarkFor(job);
        var temp = Path.Combine(Path.GetTempPath(), $"sora-render-{job.GenerationId:N}-{Guid.NewGuid():N}.mp4");
        byte[] encoded;
        try
        {
            await VideoEncoder.EncodeAsync(temp, job.Width, job.Height, job.Fps, scene.Select((s, i) => compositor.Compose(s, i)), sound,
                watermark, captions, ct);
            encoded = await File.ReadAllBytesAsync(temp, ct);
        }
        finally
        {
            File.Delete(temp);
        }
        var poster = await PosterAsync(compositor.Compose(scene[frameCount / 3], frameCount / 3), watermark, frameCount / 3 / job.Fps, ct);

        // The video and its poster each carry their own manifest (same actions, inputs and receipts; each bound to
        // its own bytes), so the public still is as verifiable as the clip.
        var agent = $"{model.Name} ({model.Provider})";
        var title = $"Sora video {job.GenerationId}";
        var inputs = SoraAssertions.Read(job.Inputs ?? [], verifier);
        var file = C2paBmff.Sign(encoded, SoraAssertions.Content(title, agent, job.ConsentReceipts ?? [], inputs), signer);
        poster = C2paImage.SignJpeg(poster, SoraAssertions.Content(title + " (poster)", agent, job.ConsentReceipts ?? [], inputs), signer);
        var manifest = SoraAssertions.ManifestDigest(file);
        return new RenderOutput(file, poster, manifest, sound, model.Name, model.Provider);
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
