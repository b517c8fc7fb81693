using Sora.Render.Media;

namespace Sora.Render.Cameos;

/// <summary>
/// Turns one recording into a verification result: probe with ffprobe (the content decides, not the file name),
/// decode frames and audio with ffmpeg, run the face models on every sampled frame and the VAD on the audio, and
/// let <see cref="VerificationPolicy"/> decide.
/// </summary>
public sealed class LikenessVerifier(IFaceDetector detector, IFaceLandmarker landmarker, IFaceEmbedder embedder,
    ISpeechDetector speech, VerificationPolicy policy)
{
    public const double SampleFps = 5;
    public const int MaxFrameSide = 640;
    public static readonly TimeSpan MaxRecording = TimeSpan.FromSeconds(30);

    public async Task<VerificationResult> VerifyAsync(string path, CancellationToken ct = default)
    {
        var info = await MediaProbe.ProbeAsync(path, ct);
        if (info is null || !info.HasVideo || info.Width <= 0)
            return new VerificationResult(VerificationFailure.UnreadableMedia,
                info is null ? "The file is not a readable video." : "The file has no video stream.", null, null);
        if (info.Duration.TotalSeconds < policy.MinDurationSeconds)
            return policy.Decide(info.Duration.TotalSeconds, 0, true, [], 0);

        var clip = await MediaDecoder.DecodeAsync(path, SampleFps, MaxFrameSide, MaxRecording, ct);
        var frames = clip.Frames.Select(f => Observe(f.At, f.Frame)).ToList();
        var speechSeconds = speech.SpeechSeconds(clip.Audio16k);
        var declared = Math.Min(info.Duration.TotalSeconds, MaxRecording.TotalSeconds);
        var result = policy.Decide(declared, clip.Frames.Count / SampleFps, clip.DecodedCleanly, frames, speechSeconds);
        if (!result.Verified) return result;

        // The reference crop: the single-face frame closest to the rest pose, its box widened by 30 %.
        var best = frames.Select((f, i) => (f, i)).Where(x => x.f.Box is not null && x.f.Yaw is not null)
            .OrderBy(x => Math.Abs(x.f.Yaw!.Value - result.Metrics!.RestYaw)).ThenByDescending(x => x.f.Box!.Area).First();
        var frame = clip.Frames[best.i].Frame;
        var box = best.f.Box!;
        var side = Math.Min(Math.Max(box.Width, box.Height) * 1.3f, Math.Min(frame.Width, frame.Height));
        var x0 = Math.Clamp((box.X1 + box.X2 - side) / 2, 0, frame.Width - side);
        var y0 = Math.Clamp((box.Y1 + box.Y2 - side) / 2, 0, frame.Height - side);
        var crop = frame.CropResize(x0, y0, side, side, 256, 256);
        return result with { FaceCropJpeg = await StillImage.EncodeJpegAsync(crop, ct) };
    }

    private FrameObservation Observe(TimeSpan at, RgbImage frame)
    {
        var faces = detector.Detect(frame);
        if (faces.Count != 1) return new FrameObservation(at, faces.Count, null, null);
        var landmarks = landmarker.Locate(frame, faces[0]);
        return new FrameObservation(at, 1, landmarks.Yaw, embedder.Embed(frame, landmarks), faces[0]);
    }
}
