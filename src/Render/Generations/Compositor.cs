using Sora.Render.Media;

namespace Sora.Render.Generations;

/// <summary>
/// Composes an output frame from its layers, bottom to top: the generated scene (upscaled from the model's working
/// size), the input image with camera motion and parallax (image-to-video), and each cameo's likeness placed and
/// animated in the scene. Captions and the watermark are drawn by the encoder. Rows run in parallel.
/// </summary>
public sealed class Compositor(int width, int height, double fps, RgbImage? image, IReadOnlyList<RgbImage> cameos)
{
    // The image is sampled with headroom so zoom and pan never reach its edge.
    private readonly RgbImage? _image = image is null ? null : CoverFit(image, (int)(width * 1.2), (int)(height * 1.2));

    public RgbImage Compose(RgbImage scene, int frame)
    {
        var t = frame / fps;
        var output = Upscale(scene, width, height);
        if (_image is not null) DrawImageLayer(output, _image, t);
        for (var i = 0; i < cameos.Count; i++) DrawCameo(output, cameos[i], i, cameos.Count, t);
        return output;
    }

    /// <summary>Bilinear upscale with precomputed column taps (the hot loop of the compositor).</summary>
    public static RgbImage Upscale(RgbImage source, int w, int h)
    {
        if (source.Width == w && source.Height == h) return new RgbImage(w, h, (byte[])source.Pixels.Clone());
        var output = new byte[w * h * 3];
        var x0 = new int[w];
        var fx = new float[w];
        for (var x = 0; x < w; x++)
        {
            var sx = Math.Clamp((x + 0.5f) * source.Width / w - 0.5f, 0, source.Width - 1.001f);
            x0[x] = (int)sx;
            fx[x] = sx - x0[x];
        }
        var src = source.Pixels;
        var sw = source.Width;
        Parallel.For(0, h, y =>
        {
            var sy = Math.Clamp((y + 0.5f) * source.Height / h - 0.5f, 0, source.Height - 1.001f);
            var y0 = (int)sy;
            var fy = sy - y0;
            var r0 = y0 * sw * 3;
            var r1 = Math.Min(y0 + 1, source.Height - 1) * sw * 3;
            var o = y * w * 3;
            for (var x = 0; x < w; x++)
            {
                var a = x0[x] * 3;
                var b = Math.Min(x0[x] + 1, sw - 1) * 3;
                var f = fx[x];
                for (var c = 0; c < 3; c++)
                {
                    var top = src[r0 + a + c] + (src[r0 + b + c] - src[r0 + a + c]) * f;
                    var bottom = src[r1 + a + c] + (src[r1 + b + c] - src[r1 + a + c]) * f;
                    output[o + x * 3 + c] = (byte)(top + (bottom - top) * fy + 0.5f);
                }
            }
        });
        return new RgbImage(w, h, output);
    }

    /// <summary>
    /// Camera motion over the still: a slow push-in and a sideways drift, with parallax (lower rows, nearer the
    /// camera in most photos, drift further than the upper ones). The scene shows through at 18 %.
    /// </summary>
    private void DrawImageLayer(RgbImage output, RgbImage picture, double t)
    {
        var zoom = 1.0 + 0.025 * t;
        var drift = 0.035 * Math.Sin(t * 0.8) * width;
        var (cx, cy) = (picture.Width / 2.0, picture.Height / 2.0);
        var pixels = output.Pixels;
        Parallel.For(0, height, y =>
        {
            var depth = 0.5 + (double)y / height;
            var sy = (float)(cy + (y - height / 2.0) / zoom);
            for (var x = 0; x < width; x++)
            {
                var sx = (float)(cx + (x - width / 2.0 + drift * depth) / zoom);
                var o = (y * width + x) * 3;
                for (var c = 0; c < 3; c++)
                    pixels[o + c] = (byte)(picture.Sample(sx, sy, c) * 0.82f + pixels[o + c] * 0.18f + 0.5f);
            }
        });
    }

    /// <summary>The likeness in a soft-edged ellipse, moving along a slow path and bobbing, one per cameo slot.</summary>
    private void DrawCameo(RgbImage output, RgbImage face, int slot, int slots, double t)
    {
        var size = Math.Min(width, height) * (slots == 1 ? 0.42 : 0.34) * (1 + 0.04 * Math.Sin(t * 2.4 + slot));
        var baseX = slots == 1 ? 0.5 : slot == 0 ? 0.3 : 0.7;
        var cx = width * (baseX + 0.06 * Math.Sin(t * 0.9 + slot * 1.7));
        var cy = height * (0.46 + 0.04 * Math.Cos(t * 1.3 + slot));
        var (rx, ry) = (size * 0.42, size * 0.52);
        var pixels = output.Pixels;
        var top = Math.Max(0, (int)(cy - ry));
        var bottom = Math.Min(height - 1, (int)(cy + ry));
        var left = Math.Max(0, (int)(cx - rx));
        var right = Math.Min(width - 1, (int)(cx + rx));
        Parallel.For(top, bottom + 1, y =>
        {
            for (var x = left; x <= right; x++)
            {
                var dx = (x - cx) / rx;
                var dy = (y - cy) / ry;
                var d = Math.Sqrt(dx * dx + dy * dy);
                if (d >= 1) continue;
                var alpha = (float)Math.Clamp((1 - d) / 0.18, 0, 1);
                var sx = (float)((dx * 0.5 + 0.5) * (face.Width - 1));
                var sy = (float)((dy * 0.5 + 0.5) * (face.Height - 1));
                var o = (y * width + x) * 3;
                for (var c = 0; c < 3; c++) pixels[o + c] = (byte)(face.Sample(sx, sy, c) * alpha + pixels[o + c] * (1 - alpha) + 0.5f);
            }
        });
    }

    private static RgbImage CoverFit(RgbImage image, int w, int h)
    {
        var scale = Math.Max((double)w / image.Width, (double)h / image.Height);
        var (cw, ch) = (w / scale, h / scale);
        return image.CropResize((float)((image.Width - cw) / 2), (float)((image.Height - ch) / 2), (float)cw, (float)ch, w, h);
    }
}
