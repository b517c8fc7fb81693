using Sora.Render.Cameos;
using Sora.Render.Models;
using Xunit;

namespace Sora.Render.Tests;

/// <summary>Paths to ../shared/fixtures (exported by ./sora test as SORA_FIXTURES) and the pinned models.</summary>
public static class Fixtures
{
    public static string Root =>
        Environment.GetEnvironmentVariable("SORA_FIXTURES")
        ?? throw new InvalidOperationException("SORA_FIXTURES is not set: run the tests through ./sora test.");

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static ModelOptions Models => new()
    {
        Directory = Environment.GetEnvironmentVariable("SORA_MODELS")
                    ?? throw new InvalidOperationException("SORA_MODELS is not set: run the tests through ./sora test."),
    };
}

/// <summary>The face and voice models, loaded once for all verification tests (sessions are thread-safe to run).</summary>
public sealed class ModelsFixture : IDisposable
{
    public UltraFaceDetector Detector { get; } = new(Fixtures.Models);
    public OnnxFaceLandmarker Landmarker { get; } = new(Fixtures.Models);
    public OnnxFaceEmbedder Embedder { get; } = new(Fixtures.Models);
    public SileroSpeechDetector Speech { get; } = new(Fixtures.Models);

    public LikenessVerifier Verifier(VerificationPolicy? policy = null) =>
        new(Detector, Landmarker, Embedder, Speech, policy ?? new VerificationPolicy());

    public void Dispose()
    {
        Detector.Dispose();
        Landmarker.Dispose();
        Embedder.Dispose();
        Speech.Dispose();
    }
}

[CollectionDefinition("models")]
public sealed class ModelsCollection : ICollectionFixture<ModelsFixture>;
