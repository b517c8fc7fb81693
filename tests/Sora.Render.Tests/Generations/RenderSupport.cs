using Sora.Domain.Text;
using System.Diagnostics;
using Sora.Render.Generations;
using Sora.Render.Media;
using Sora.Render.Models;
using Sora.Render.Provenance;
using Xunit;

namespace Sora.Render.Tests.Generations;

/// <summary>One scene model and one signing key for the render tests (the model compiles once per process).</summary>
public sealed class RenderFixture : IDisposable
{
    public SceneModel Model { get; } = new(new ModelOptions { PreferCuda = false });
    public LexicalPromptEmbedder Embedder { get; } = new();
    public ProvenanceKey Key { get; } = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>A fresh instance CA and leaf per run, made the way a host makes them.</summary>
    public string ProvenanceDirectory { get; } = Directory.CreateTempSubdirectory("sora-test-provenance-").FullName;

    public ProvenanceSigner Signer => signer ??= ProvenanceSigner.LoadOrCreate(ProvenanceDirectory, Key);
    private ProvenanceSigner? signer;

    /// <summary>Trusts this run's CA, as a host trusts its own.</summary>
    public ProvenanceVerifier Verifier => ProvenanceVerifier.Trusting(Signer);

    public VideoRenderer Renderer => new(Model, Embedder, Signer, Verifier);

    public void Dispose()
    {
        Model.Dispose();
        signer?.Dispose();
        Key.Dispose();
        Directory.Delete(ProvenanceDirectory, true);
    }
}

[CollectionDefinition("render")]
public sealed class RenderCollection : ICollectionFixture<RenderFixture>;

public static class RenderSupport
{
    public static Task<RenderOutput> RenderAsync(this RenderFixture fixture, RenderJob job) =>
        fixture.Renderer.RenderAsync(job, _ => Task.CompletedTask, () => Task.CompletedTask, CancellationToken.None);

    public static RenderJob Job(string prompt, int width = 480, int height = 270, long seed = 7) =>
        new(Guid.NewGuid(), prompt, "maker", width, height, 5, 24, seed);

    /// <summary>Writes the output where ffprobe/ffmpeg can read it; the caller deletes it.</summary>
    public static async Task<string> SaveAsync(byte[] mp4)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sora-test-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(path, mp4);
        return path;
    }

    /// <summary>ffmpeg decodes every frame and packet without a single error message.</summary>
    public static async Task<string> DecodeErrorsAsync(string path)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-nostdin", "-v", "error", "-i", path, "-f", "null", "-" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? errors : errors + $" (exit {process.ExitCode})";
    }

    /// <summary>Mean absolute difference per channel between two frames of equal size (0..255).</summary>
    public static double Distance(RgbImage a, RgbImage b)
    {
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++) sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return sum / (double)a.Pixels.Length;
    }

    /// <summary>A compact frame feature: an 8x8 thumbnail (colour layout).</summary>
    public static RgbImage Thumb(RgbImage frame) => frame.Resize(8, 8);
}
