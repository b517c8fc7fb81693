namespace Sora.Render.Cameos;

/// <summary>Why a cameo recording was refused. The names are the reason codes of CameoVerificationFailed.</summary>
public enum VerificationFailure
{
    UnreadableMedia,
    TooShort,
    NoFace,
    MultipleFaces,
    IdentityChanged,
    NoLivenessMotion,
    NoSpeech,
}

/// <summary>What the models saw in one sampled frame: how many faces, and for a single face its yaw and identity.</summary>
public sealed record FrameObservation(TimeSpan At, int Faces, float? Yaw, float[]? Embedding, FaceBox? Box = null);

/// <summary>The measurements a decision rests on, kept with the result so a refusal can be explained.</summary>
public sealed record VerificationMetrics(
    double DurationSeconds, int Frames, double OneFaceShare, double ManyFacesShare,
    double IdentityOutlierShare, float RestYaw, float MinYawDelta, float MaxYawDelta, double SpeechSeconds);

public sealed record VerificationResult(VerificationFailure? Failure, string Detail, VerificationMetrics? Metrics, float[]? Template)
{
    /// <summary>JPEG of the face in the frame closest to the rest pose (the likeness the renderer places).</summary>
    public byte[]? FaceCropJpeg { get; init; }

    public bool Verified => Failure is null;
}

/// <summary>
/// The verification rules, pure and ordered: readable → long enough → one face → same person → head turned both
/// ways → enough speech. Thresholds are calibrated on ../shared/fixtures/cameo (see docs/cameos.md):
/// <list type="bullet">
/// <item>identity: a frame is an outlier when its cosine to the clip's own rest-pose template is below
/// <see cref="IdentityCosine"/>; real head turns bottom out near 0.5, another person sits near 0.</item>
/// <item>liveness: landmark yaw must move at least <see cref="TurnDelta"/> (in eye-distances) each way from the
/// clip's rest pose, on at least <see cref="TurnFrames"/> sampled frames per side; the fixture turns read 0.13-0.25.</item>
/// </list>
/// </summary>
public sealed class VerificationPolicy
{
    public double MinDurationSeconds { get; init; } = 3.0;
    public double MinDecodedShare { get; init; } = 0.9;
    public double MinOneFaceShare { get; init; } = 0.5;
    public double MaxManyFacesShare { get; init; } = 0.5;
    public float IdentityCosine { get; init; } = 0.35f;
    public double MaxIdentityOutlierShare { get; init; } = 0.1;
    public double RestSeconds { get; init; } = 1.0;
    public float TurnDelta { get; init; } = 0.08f;
    public int TurnFrames { get; init; } = 2;
    public double MinSpeechSeconds { get; init; } = 1.5;

    public VerificationResult Decide(double durationSeconds, double decodedSeconds, bool decodedCleanly,
        IReadOnlyList<FrameObservation> frames, double speechSeconds)
    {
        if (durationSeconds < MinDurationSeconds)
            return Fail(VerificationFailure.TooShort, $"The recording is {durationSeconds:0.0} s; at least {MinDurationSeconds:0} s are needed.");
        if (!decodedCleanly || decodedSeconds < durationSeconds * MinDecodedShare || frames.Count == 0)
            return Fail(VerificationFailure.UnreadableMedia,
                $"Only {decodedSeconds:0.0} s of the declared {durationSeconds:0.0} s could be decoded; the file is damaged or incomplete.");

        var one = frames.Where(f => f.Faces == 1 && f.Embedding is not null && f.Yaw is not null).ToList();
        var oneShare = (double)one.Count / frames.Count;
        var manyShare = (double)frames.Count(f => f.Faces > 1) / frames.Count;
        if (manyShare > MaxManyFacesShare)
            return Fail(VerificationFailure.MultipleFaces, $"More than one face in {manyShare:P0} of the frames; record yourself alone.");
        if (oneShare < MinOneFaceShare)
            return Fail(VerificationFailure.NoFace, $"A single face was found in only {oneShare:P0} of the frames.");

        var rest = one.Where(f => f.At.TotalSeconds <= RestSeconds).ToList();
        if (rest.Count == 0) rest = one.Take(3).ToList();
        var template = FaceTemplate.Mean(rest.Select(f => f.Embedding!).ToList());
        var outliers = (double)one.Count(f => FaceTemplate.Cosine(f.Embedding!, template) < IdentityCosine) / one.Count;
        var restYaw = Median(rest.Select(f => f.Yaw!.Value));
        var deltas = one.Select(f => f.Yaw!.Value - restYaw).Order().ToList();
        var metrics = new VerificationMetrics(durationSeconds, frames.Count, oneShare, manyShare, outliers, restYaw,
            deltas[Math.Min(TurnFrames - 1, deltas.Count - 1)], deltas[Math.Max(deltas.Count - TurnFrames, 0)], speechSeconds);

        if (outliers > MaxIdentityOutlierShare)
            return Fail(VerificationFailure.IdentityChanged, $"{outliers:P0} of the frames show someone else than the first second.", metrics);
        if (metrics.MinYawDelta > -TurnDelta || metrics.MaxYawDelta < TurnDelta)
            return Fail(VerificationFailure.NoLivenessMotion, "The head did not turn both ways; turn it left, then right.", metrics);
        if (speechSeconds < MinSpeechSeconds)
            return Fail(VerificationFailure.NoSpeech, $"{speechSeconds:0.0} s of speech were heard; read the phrase aloud.", metrics);

        // The likeness template: the mean identity of the frames facing the camera.
        var frontal = one.Where(f => Math.Abs(f.Yaw!.Value - restYaw) < TurnDelta / 2).Select(f => f.Embedding!).ToList();
        return new VerificationResult(null, "Verified.", metrics, FaceTemplate.Mean(frontal.Count > 0 ? frontal : rest.Select(f => f.Embedding!).ToList()));
    }

    private static VerificationResult Fail(VerificationFailure failure, string detail, VerificationMetrics? metrics = null) =>
        new(failure, detail, metrics, null);

    private static float Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
