using System.Diagnostics;

namespace Sora.Render.Media;

/// <summary>Still images through ffmpeg: decoding (PNG, JPEG, WebP, …) to rgb24, and encoding a frame as JPEG.</summary>
public static class StillImage
{
    public static async Task<RgbImage> DecodeAsync(string path, int maxSide = 1280, CancellationToken ct = default)
    {
        var info = await MediaProbe.ProbeAsync(path, ct);
        if (info is null || info.Width <= 0 || info.Height <= 0) throw new InvalidDataException("The file is not a readable image.");
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(info.Width, info.Height));
        var (w, h) = ((int)Math.Round(info.Width * scale), (int)Math.Round(info.Height * scale));
        var start = new ProcessStartInfo(FFMpegCore.GlobalFFOptions.GetFFMpegBinaryPath()) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Strict: a truncated or damaged image is an error, not a picture ffmpeg fills out with grey ("overread",
        // "EOI missing", exit 0 without these flags).
        foreach (var arg in new[] { "-nostdin", "-v", "error", "-err_detect", "explode", "-xerror", "-i", path, "-map", "0:v:0", "-frames:v", "1", "-vf", $"scale={w}:{h}", "-f", "rawvideo", "-pix_fmt", "rgb24", "-" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var bytes = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(bytes, ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 || bytes.Length != w * h * 3) throw new InvalidDataException($"ffmpeg could not decode the image: {await stderr}");
        return new RgbImage(w, h, bytes.ToArray());
    }

    /// <summary>Decodes an image held in memory (a sealed face crop) through ffmpeg's pipes.</summary>
    public static async Task<RgbImage> DecodeBytesAsync(byte[] image, int width, int height, CancellationToken ct = default)
    {
        var (ok, output, errors) = await PipeAsync(image,
            ["-i", "pipe:0", "-frames:v", "1", "-vf", $"scale={width}:{height}", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"], ct);
        if (!ok || output.Length != width * height * 3) throw new InvalidDataException($"ffmpeg could not decode the image: {errors}");
        return new RgbImage(width, height, output);
    }

    /// <summary>Encodes a frame as JPEG through ffmpeg's pipes (no temporary files), through <paramref name="filter"/> when given.</summary>
    public static async Task<byte[]> EncodeJpegAsync(RgbImage image, CancellationToken ct = default, string? filter = null)
    {
        string[] filtering = filter is null ? [] : ["-vf", filter];
        var (ok, output, errors) = await PipeAsync(image.Pixels,
            ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{image.Width}x{image.Height}", "-i", "pipe:0", .. filtering, "-frames:v", "1", "-q:v", "3", "-f", "image2", "-c:v", "mjpeg", "pipe:1"], ct);
        if (!ok) throw new InvalidOperationException($"ffmpeg could not encode the image: {errors}");
        return output;
    }

    /// <summary>Runs ffmpeg with <paramref name="input"/> on stdin and returns stdout, reading both concurrently.</summary>
    private static async Task<(bool Ok, byte[] Output, string Errors)> PipeAsync(byte[] input, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(FFMpegCore.GlobalFFOptions.GetFFMpegBinaryPath())
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-nostdin", "-v", "error" }.Concat(args)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output, ct);
        await process.StandardInput.BaseStream.WriteAsync(input, ct);
        process.StandardInput.Close();
        await reading;
        await process.WaitForExitAsync(ct);
        return (process.ExitCode == 0, output.ToArray(), await stderr);
    }
}
