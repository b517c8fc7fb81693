using System.Diagnostics;
using System.Globalization;
using Sora.Domain.Moderation;
using Sora.Render.Media;

namespace Sora.Render.Moderation;

/// <summary>
/// Staydown's fingerprint of an image or clip: a <see cref="PerceptualHash"/> per frame sampled at
/// <see cref="Fps"/> (at most <see cref="MaxSeconds"/> of it), and the sound's Chromaprint (<c>fpcalc -raw</c>, Debian
/// package libchromaprint-tools). Bounded: small frames, a capped duration, a timeout on each tool.
/// </summary>
public sealed class StaydownFingerprinter : IMediaFingerprinter
{
    public const double Fps = 2;
    public const int MaxSeconds = 60;
    private const int FrameSide = 160;

    public async Task<MediaFingerprint> FingerprintAsync(string path, CancellationToken ct)
    {
        var info = await MediaProbe.ProbeAsync(path, ct) ?? throw new InvalidDataException("The file is not readable media.");
        if (!info.HasVideo && !info.HasAudio) throw new InvalidDataException("The file has neither picture nor sound.");
        var hashes = new List<(long Hash, long[] Variants)>();
        var still = info.HasVideo && info.Duration.TotalSeconds <= 0.5;
        if (still)
        {
            if (PerceptualHash.Of(await StillImage.DecodeAsync(path, FrameSide * 2, ct)) is { } h) hashes.Add(h);
            return new MediaFingerprint([.. hashes.Select(h => h.Hash)], [.. hashes.SelectMany(h => h.Variants)], [], 0);
        }
        if (info.HasVideo)
        {
            var clip = await MediaDecoder.DecodeAsync(path, Fps, FrameSide, TimeSpan.FromSeconds(MaxSeconds), ct);
            foreach (var (_, frame) in clip.Frames)
                if (PerceptualHash.Of(frame) is { } h) hashes.Add(h);
        }
        var audio = info.HasAudio ? await ChromaprintAsync(path, ct) : [];
        var seconds = Math.Max(0.5, Math.Min(info.Duration.TotalSeconds, MaxSeconds));
        return new MediaFingerprint([.. hashes.Select(h => h.Hash)], [.. hashes.SelectMany(h => h.Variants)], audio, seconds);
    }

    /// <summary>The raw Chromaprint (about 8 values a second), or none when fpcalc finds no sound it can read.</summary>
    public static async Task<int[]> ChromaprintAsync(string path, CancellationToken ct)
    {
        var info = new ProcessStartInfo("fpcalc") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-raw", "-signed", "-length", MaxSeconds.ToString(CultureInfo.InvariantCulture), path }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("fpcalc did not start (install libchromaprint-tools).");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        await stderr;
        // fpcalc exits non-zero on a short read at the end of many files ("End of file") after printing a good
        // fingerprint: the printed line decides, not the exit code.
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("FINGERPRINT=", StringComparison.Ordinal));
        if (line is null || line.Length <= "FINGERPRINT=".Length) return [];
        return line["FINGERPRINT=".Length..].Trim().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }
}
