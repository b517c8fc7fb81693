using Sora.Domain.Accounts;
using Sora.Domain.Generations;
using Sora.Render.Generations;
using Sora.Render.Media;
using Xunit;

namespace Sora.Render.Tests.Generations;

/// <summary>
/// The watermark fits every frame at every position it takes, the poster carries it, and a remix credits its source.
/// Drawn by the real ffmpeg over flat frames (cheap: no model), read back from the decoded pixels.
/// </summary>
public sealed class WatermarkTests
{
    private const string HandleCharacters = "abcdefghijklmnopqrstuvwxyz0123456789_.";

    /// <summary>The widest handle the handle rule admits: 30 of its widest character in the watermark's font.</summary>
    private static string WidestHandle()
    {
        var widest = HandleCharacters.MaxBy(c => FontMetrics.Default.Width(c.ToString()));
        var handle = new string(widest, 30);
        Assert.Null(Handles.Problem(handle));
        return handle;
    }

    private static readonly (int W, int H)[] Sizes =
        [.. Enum.GetValues<VideoAspect>().SelectMany(a => Enum.GetValues<VideoResolution>().Select(r => GenerationFormat.Size(a, r)))];

    [Fact]
    public void The_layout_keeps_the_longest_mark_inside_every_frame_size_with_a_margin_and_1_26_of_the_height_would_not()
    {
        var handle = WidestHandle();
        foreach (var mark in new[] { Watermark.For(handle, false, null), Watermark.For(handle, true, handle) })
        {
            foreach (var (w, h) in Sizes)
            {
                var layout = mark.Layout(w, h);
                Assert.True(layout.Margin >= 4);
                Assert.InRange(layout.FontSize, 6, h / 26.0);
                foreach (var t in new[] { 0, Math.PI / 1.8, 3 * Math.PI / 1.8, Math.PI / 0.63, 7.5, 15 })
                {
                    var (x, y) = layout.At(t);
                    Assert.True(x >= layout.Margin && x + layout.BlockWidth <= w - layout.Margin, $"{w}x{h} at {t:0.00}s: x {x:0.0}+{layout.BlockWidth:0.0}");
                    Assert.True(y >= layout.Margin && y + layout.BlockHeight <= h - layout.Margin, $"{w}x{h} at {t:0.00}s: y {y:0.0}+{layout.BlockHeight:0.0}");
                }
            }
        }
        // What the portrait check below guards against: the old size, 1/26 of the (long) height, is wider than the frame.
        var (pw, ph) = GenerationFormat.Size(VideoAspect.Portrait9x16, VideoResolution.Sd480);
        Assert.True(FontMetrics.Default.Width($"Sora @{handle}") * (ph / 26) > pw);
        // Landscape with an ordinary handle keeps the size it always had.
        Assert.Equal(480 / 26, Watermark.For("maker", false, null).Layout(854, 480).FontSize);
    }

    [Theory]
    [InlineData(480, 854)]
    [InlineData(854, 480)]
    [InlineData(480, 480)]
    public async Task The_longest_mark_never_touches_the_frame_edges_while_it_moves(int width, int height)
    {
        var handle = WidestHandle();
        foreach (var mark in new[] { Watermark.For(handle, false, null), Watermark.For(handle, true, handle) })
        {
            // 15 s (the longest video) at 2 fps: x and y pass their extremes (sines of period 7 s and 10 s).
            const int fps = 2;
            var frames = await EncodeFlatAsync(mark, width, height, seconds: 15, fps);
            Assert.Equal(30, frames.Count);
            var layout = mark.Layout(width, height);
            var band = layout.Margin / 2;
            foreach (var (i, frame) in frames.Index())
            {
                var box = BrightBox(frame);
                Assert.NotNull(box);
                var (left, top, right, bottom) = box!.Value;
                Assert.True(left >= band && top >= band && right < width - band && bottom < height - band,
                    $"{width}x{height}, frame {i}: text spans x {left}..{right}, y {top}..{bottom}");
                // It is where the layout says it is at that time (so the layout's own bounds are the drawn ones).
                var (x, y) = layout.At(i / (double)fps);
                Assert.True(Math.Abs(left - x - layout.Border) <= 4 && Math.Abs(top - y - layout.Border) <= 4,
                    $"{width}x{height}, frame {i}: text at {left},{top}, layout at {x + layout.Border:0.0},{y + layout.Border:0.0}");
                // The remix's credit is a second line under the first; the plain mark has one.
                Assert.Equal(mark.Credit is null ? 1 : 2, TextLines(frame, box.Value));
            }
        }
    }

    [Fact]
    public async Task The_poster_carries_the_watermark_exactly_where_the_video_shows_it()
    {
        const int w = 480, h = 854;
        var still = Pattern(w, h);
        var mark = Watermark.For("maker_of_things", false, null);
        const double at = 1.6;
        var poster = await StillImage.DecodeBytesAsync(await VideoRenderer.PosterAsync(still, mark, at, CancellationToken.None), w, h);
        var plain = await StillImage.DecodeBytesAsync(await StillImage.EncodeJpegAsync(still), w, h);

        var layout = mark.Layout(w, h);
        var (x, y) = layout.At(at);
        // JPEG codes 16-pixel blocks: outside the blocks the mark touches, the two stills are the same picture.
        const int block = 16;
        var (x0, y0) = ((int)x / block * block - block, (int)y / block * block - block);
        var (x1, y1) = ((int)(x + layout.BlockWidth) / block * block + 2 * block, (int)(y + layout.BlockHeight) / block * block + 2 * block);
        double inside = 0, outsideMax = 0;
        var insideCount = 0;
        for (var py = 0; py < h; py++)
        for (var px = 0; px < w; px++)
        {
            var d = 0;
            for (var c = 0; c < 3; c++) d = Math.Max(d, Math.Abs(poster.Pixels[(py * w + px) * 3 + c] - plain.Pixels[(py * w + px) * 3 + c]));
            var inBox = px >= x && px < x + layout.BlockWidth && py >= y && py < y + layout.BlockHeight;
            if (inBox) { inside += d; insideCount++; }
            else if (px < x0 || px >= x1 || py < y0 || py >= y1) outsideMax = Math.Max(outsideMax, d);
        }
        Assert.True(inside / insideCount > 15, $"mean difference inside the mark {inside / insideCount:0.0}");
        Assert.True(outsideMax <= 2, $"largest difference away from the mark {outsideMax}");
    }

    [Fact]
    public void A_remix_credits_its_source_creator_and_names_nobody_when_that_account_is_gone()
    {
        var job = RenderSupport.Job("a dream of it") with { RemixSourcePath = "/source.mp4", RemixSourceHandle = "source" };
        Assert.Equal(new Watermark("Sora @maker", "remix of @source"), VideoRenderer.WatermarkFor(job));
        Assert.Equal("remix of a Sora video", VideoRenderer.WatermarkFor(job with { RemixSourceHandle = null }).Credit);
        Assert.Null(VideoRenderer.WatermarkFor(RenderSupport.Job("not a remix") with { RemixSourceHandle = "source" }).Credit);
    }

    /// <summary>Flat black frames through the real encoder (with a silent track), decoded back at full size.</summary>
    private static async Task<List<RgbImage>> EncodeFlatAsync(Watermark mark, int width, int height, int seconds, int fps)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sora-mark-{Guid.NewGuid():N}.mp4");
        try
        {
            var frames = Enumerable.Range(0, seconds * fps).Select(_ => new RgbImage(width, height, new byte[width * height * 3]));
            var silence = new Soundtrack(new float[SoundDesigner.SampleRate * seconds], SoundDesigner.SampleRate, [], null);
            await VideoEncoder.EncodeAsync(path, width, height, fps, frames, silence, mark, [], CancellationToken.None);
            return (await MediaDecoder.DecodeAsync(path, fps, Math.Max(width, height), TimeSpan.FromSeconds(seconds))).Frames.Select(f => f.Frame).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool Bright(RgbImage frame, int x, int y) => frame.Pixels[(y * frame.Width + x) * 3 + 1] > 90;

    /// <summary>The bounding box of the text's bright pixels (white at 70 % over black), or null when there are none.</summary>
    private static (int Left, int Top, int Right, int Bottom)? BrightBox(RgbImage frame)
    {
        var (l, t, r, b) = (int.MaxValue, int.MaxValue, -1, -1);
        for (var y = 0; y < frame.Height; y++)
        for (var x = 0; x < frame.Width; x++)
        {
            if (!Bright(frame, x, y)) continue;
            (l, t, r, b) = (Math.Min(l, x), Math.Min(t, y), Math.Max(r, x), Math.Max(b, y));
        }
        return r < 0 ? null : (l, t, r, b);
    }

    /// <summary>Runs of rows holding bright pixels, separated by at least two empty rows.</summary>
    private static int TextLines(RgbImage frame, (int Left, int Top, int Right, int Bottom) box)
    {
        var (lines, empty) = (0, 2);
        for (var y = box.Top; y <= box.Bottom; y++)
        {
            var lit = false;
            for (var x = box.Left; x <= box.Right && !lit; x++) lit = Bright(frame, x, y);
            if (lit && empty >= 2) lines++;
            empty = lit ? 0 : empty + 1;
        }
        return lines;
    }

    /// <summary>A smooth colour pattern standing in for a scene.</summary>
    private static RgbImage Pattern(int w, int h)
    {
        var pixels = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        {
            var i = (y * w + x) * 3;
            pixels[i] = (byte)(60 + 40 * Math.Sin(x / 37.0));
            pixels[i + 1] = (byte)(90 + 50 * Math.Cos(y / 53.0));
            pixels[i + 2] = (byte)(120 + 30 * Math.Sin((x + y) / 71.0));
        }
        return new RgbImage(w, h, pixels);
    }
}
