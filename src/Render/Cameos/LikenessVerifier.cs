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
        return policy.Decide(declared, clip.Frames.Count / SampleFps, clip.DecodedCleanly, frames, speechSeconds);
    }

    private FrameObservation Observe(TimeSpan at, RgbImage frame)
    {
        var faces = detector.Detect(frame);
        if (faces.Count != 1) return new FrameObservation(at, faces.Count, null, null);
        var landmarks = landmarker.Locate(frame, faces[0]);
        return new FrameObservation(at, 1, landmarks.Yaw, embedder.Embed(frame, landmarks));
    }
}
