using System.Diagnostics;

namespace Sora.Render.Media;

/// <summary>The decoded frames and audio of a clip, plus whether ffmpeg decoded it to the end without errors.</summary>
public sealed record DecodedClip(IReadOnlyList<(TimeSpan At, RgbImage Frame)> Frames, float[] Audio16k, bool DecodedCleanly, string Errors);

/// <summary>
/// Decodes with the system ffmpeg straight into memory through pipes (no temporary files): video sampled at a
/// fixed rate and scaled to fit a bounding box (rgb24), audio as 16 kHz mono float (what the VAD expects).
/// A truncated or damaged file decodes partially and reports errors; callers decide what that means.
/// </summary>
public static class MediaDecoder
{
    public static async Task<DecodedClip> DecodeAsync(string path, double fps, int maxSide, TimeSpan maxDuration, CancellationToken ct = default)
    {
        var info = await MediaProbe.ProbeAsync(path, ct) ?? throw new InvalidDataException("ffprobe cannot read the file.");
        var (w, h) = Fit(info.Width, info.Height, maxSide);
        var frames = new List<(TimeSpan, RgbImage)>();
        var videoErrors = "";
        if (info.HasVideo)
        {
            var frameBytes = w * h * 3;
            videoErrors = await RunAsync(path, maxDuration,
                // The stream ffprobe described (the first video stream): ffmpeg would otherwise pick the largest, so a file
                // with a small first stream and a huge second one would pass the size checks and decode at full size.
                ["-map", "0:v:0", "-an", "-vf", $"fps={fps.ToString(System.Globalization.CultureInfo.InvariantCulture)},scale={w}:{h}:flags=bilinear", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                async stdout =>
                {
                    var buffer = new byte[frameBytes];
                    while (await ReadExactlyOrEndAsync(stdout, buffer, ct))
                        frames.Add((TimeSpan.FromSeconds(frames.Count / fps), new RgbImage(w, h, (byte[])buffer.Clone())));
                }, ct);
        }
        var audio = Array.Empty<float>();
        var audioErrors = "";
        if (info.HasAudio)
        {
            audioErrors = await RunAsync(path, maxDuration, ["-map", "0:a:0", "-vn", "-ac", "1", "-ar", "16000", "-f", "f32le", "-"],
                async stdout =>
                {
                    using var bytes = new MemoryStream();
                    await stdout.CopyToAsync(bytes, ct);
                    audio = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.GetBuffer().AsSpan(0, (int)bytes.Length / 4 * 4)).ToArray();
                }, ct);
        }
        var errors = (videoErrors + audioErrors).Trim();
        return new DecodedClip(frames, audio, errors.Length == 0, errors);
    }

    private static (int W, int H) Fit(int width, int height, int maxSide)
    {
        if (width <= 0 || height <= 0) return (0, 0);
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(width, height));
        return (Math.Max(2, (int)Math.Round(width * scale / 2) * 2), Math.Max(2, (int)Math.Round(height * scale / 2) * 2));
    }

    private static async Task<string> RunAsync(string path, TimeSpan maxDuration, string[] output, Func<Stream, Task> readStdout, CancellationToken ct)
    {
        var info = new ProcessStartInfo(FFMpegCore.GlobalFFOptions.GetFFMpegBinaryPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-nostdin", "-v", "error", "-t", maxDuration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", path })
            info.ArgumentList.Add(arg);
        foreach (var arg in output) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await readStdout(process.StandardOutput.BaseStream);
        await process.WaitForExitAsync(ct);
        var errors = await stderr;
        return process.ExitCode == 0 ? errors : $"{errors}\nffmpeg exited with {process.ExitCode}";
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0) return false;
            filled += read;
        }
        return true;
    }
}
