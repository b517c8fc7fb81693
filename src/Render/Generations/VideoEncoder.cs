using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using FFMpegCore;
using FFMpegCore.Pipes;
using Sora.Render.Media;

namespace Sora.Render.Generations;

/// <summary>
/// H.264 (yuv420p) + AAC in MP4 with faststart, through FFMpegCore: frames and samples are piped in (named pipes), so
/// no frame ever touches the disk. The moving watermark and the captions are drawn by ffmpeg's drawtext, the one text
/// renderer we have with proper fonts. The renderer streams: <see cref="EncodeVideoAsync"/> encodes frames as they are
/// composed, and <see cref="MuxAsync"/> adds the sound (designed from the finished picture) without re-encoding the video.
/// </summary>
public static class VideoEncoder
{
    private const string Font = FontMetrics.DefaultPath;

    public sealed record Caption(string Text, double From, double To);

    public static async Task EncodeAsync(string output, int width, int height, double fps, IEnumerable<RgbImage> frames, Soundtrack sound,
        Watermark watermark, IReadOnlyList<Caption> captions, CancellationToken ct)
    {
        var video = new RawVideoPipeSource(frames.Select(f => (IVideoFrame)new Frame(f))) { FrameRate = fps };
        await FFMpegArguments
            .FromPipeInput(video)
            .AddPipeInput(Samples(sound))
            .OutputToFile(output, overwrite: true, o => Aac(H264(o, width, height, watermark, captions)))
            .CancellableThrough(ct)
            .ProcessAsynchronously(throwOnError: true);
    }

    /// <summary>
    /// The picture alone, encoded frame by frame as <paramref name="frames"/> yields them (the same settings as
    /// <see cref="EncodeAsync"/>), into an MP4 without sound. <paramref name="starved"/> adds the time the encoder's
    /// input waited for the next frame.
    /// </summary>
    public static Task EncodeVideoAsync(string output, int width, int height, double fps, ChannelReader<RgbImage> frames, Watermark watermark,
        IReadOnlyList<Caption> captions, StageClock starved, CancellationToken ct) =>
        FFMpegArguments
            .FromPipeInput(new StreamedFrames(frames, width, height, fps, starved))
            .OutputToFile(output, overwrite: true, o => H264(o, width, height, watermark, captions).WithCustomArgument("-an"))
            .CancellableThrough(ct)
            .ProcessAsynchronously(throwOnError: true);

    /// <summary>The encoded picture and the soundtrack into the final MP4: the video is copied, the sound encoded (AAC).</summary>
    public static Task MuxAsync(string video, Soundtrack sound, string output, CancellationToken ct) =>
        FFMpegArguments
            .FromFileInput(video)
            .AddPipeInput(Samples(sound))
            .OutputToFile(output, overwrite: true, o => Aac(o.WithCustomArgument("-map 0:v:0 -map 1:a:0 -c:v copy")))
            .CancellableThrough(ct)
            .ProcessAsynchronously(throwOnError: true);

    /// <summary>The picture's settings, the same in the one-pass and the streamed encode: H.264 High, CRF 23, the watermark and captions drawn.</summary>
    private static FFMpegOutputOptions H264(FFMpegOutputOptions o, int width, int height, Watermark watermark, IReadOnlyList<Caption> captions) => o
        .WithVideoCodec("libx264")
        .WithCustomArgument($"-vf \"{Filter(watermark.Layout(width, height), watermark, captions)}\"")
        .WithCustomArgument("-pix_fmt yuv420p")
        .WithCustomArgument("-preset veryfast -crf 23 -profile:v high");

    /// <summary>The sound's settings and the container's, wherever the sound goes in: AAC 128 kb/s, MP4 with faststart.</summary>
    private static FFMpegOutputOptions Aac(FFMpegOutputOptions o) => o
        .WithAudioCodec("aac")
        .WithAudioBitrate(128)
        .WithCustomArgument("-shortest -movflags +faststart");

    private static RawAudioPipeSource Samples(Soundtrack sound) => new(Chunks(sound.Samples), sound.SampleRate, 1) { Format = "s16le" };

    /// <summary>The watermark bounces slowly around the frame (hard to crop out); captions sit at the bottom.</summary>
    public static string Filter(WatermarkLayout layout, Watermark watermark, IReadOnlyList<Caption> captions)
    {
        var font = File.Exists(Font) ? $"fontfile={Font}:" : "";
        var filter = new StringBuilder(WatermarkFilter(layout, watermark));
        foreach (var caption in captions)
        {
            filter.Append($",drawtext={font}text='{Escape(caption.Text)}':fontsize=h/22:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=12:")
                .Append(CultureInfo.InvariantCulture, $"x=(w-tw)/2:y=h-th-h/12:enable='between(t,{caption.From:0.###},{caption.To:0.###})'");
        }
        return filter.ToString();
    }

    /// <summary>
    /// The watermark alone, as it stands <paramref name="offset"/> seconds later than the frame time: the poster is one
    /// still (time 0 to ffmpeg) drawn with the mark where the video shows it at the poster's frame. Both lines sit at
    /// the block's left edge and move with it; the layout placed the block so that it stays inside the frame.
    /// </summary>
    public static string WatermarkFilter(WatermarkLayout layout, Watermark watermark, double offset = 0)
    {
        var font = File.Exists(Font) ? $"fontfile={Font}:" : "";
        var (x, y) = layout.Expressions(offset);
        string Line(string text, int size, double dy) =>
            $"drawtext={font}text='{Escape(text)}':fontsize={size}:fontcolor=white@0.7:borderw={layout.Border}:bordercolor=black@0.5:" +
            string.Create(CultureInfo.InvariantCulture, $"x='{x}+{layout.Border}':y='{y}+{dy + layout.Border:0.###}'");
        var filter = Line(watermark.Text, layout.FontSize, 0);
        if (watermark.Credit is { } credit) filter += "," + Line(credit, layout.CreditFontSize, layout.CreditOffset);
        return filter;
    }

    /// <summary>Text for drawtext: only characters that need no escaping through the shell, filtergraph and drawtext layers.</summary>
    public static string Escape(string text)
    {
        var kept = new string(text.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '@' or '_' or '.' or ',' or '!' or '?' or '-' ? c : ' ').ToArray());
        kept = string.Join(' ', kept.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return kept.Length > 80 ? kept[..77] + "..." : kept;
    }

    private static IEnumerable<IAudioSample> Chunks(float[] samples)
    {
        const int chunk = 4800;
        for (var i = 0; i < samples.Length; i += chunk)
        {
            var count = Math.Min(chunk, samples.Length - i);
            var bytes = new byte[count * 2];
            for (var j = 0; j < count; j++)
                BitConverter.TryWriteBytes(bytes.AsSpan(j * 2), (short)Math.Clamp(samples[i + j] * 32767f, -32768f, 32767f));
            yield return new Pcm(bytes);
        }
    }

    /// <summary>
    /// Raw frames from a channel into ffmpeg's pipe: each frame's pixels are written as they are, never copied. A
    /// channel completed with an error fails the encode with that error.
    /// </summary>
    private sealed class StreamedFrames(ChannelReader<RgbImage> frames, int width, int height, double fps, StageClock starved) : IPipeSource
    {
        public string GetStreamArguments() =>
            string.Create(CultureInfo.InvariantCulture, $"-f rawvideo -r {fps} -pix_fmt rgb24 -s {width}x{height}");

        public async Task WriteAsync(Stream outputStream, CancellationToken cancellationToken)
        {
            while (true)
            {
                var waiting = Stopwatch.GetTimestamp();
                var more = await frames.WaitToReadAsync(cancellationToken);
                starved.AddSince(waiting);
                if (!more) return;
                while (frames.TryRead(out var frame))
                {
                    if (frame.Width != width || frame.Height != height)
                        throw new InvalidOperationException($"A {frame.Width}x{frame.Height} frame in a {width}x{height} stream.");
                    await outputStream.WriteAsync(frame.Pixels, cancellationToken);
                }
            }
        }
    }

    private sealed class Frame(RgbImage image) : IVideoFrame
    {
        public int Width => image.Width;
        public int Height => image.Height;
        public string Format => "rgb24";
        public string PixelFormat => "rgb24";
        public void Serialize(Stream pipe) => pipe.Write(image.Pixels);
        public Task SerializeAsync(Stream pipe, CancellationToken token) => pipe.WriteAsync(image.Pixels, token).AsTask();
    }

    private sealed class Pcm(byte[] bytes) : IAudioSample
    {
        public void Serialize(Stream stream) => stream.Write(bytes);
        public Task SerializeAsync(Stream stream, CancellationToken token) => stream.WriteAsync(bytes, token).AsTask();
    }
}
