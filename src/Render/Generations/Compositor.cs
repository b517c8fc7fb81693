using System.Numerics;
using Sora.Render.Media;

namespace Sora.Render.Generations;

/// <summary>
/// Composes an output frame from its layers, bottom to top: the generated scene (upscaled from the model's working
/// size), the input image with camera motion and parallax (image-to-video), and each cameo's likeness placed and
/// animated in the scene. Captions and the watermark are drawn by the encoder. Rows run in parallel.
/// </summary>
public sealed class Compositor(int width, int height, double fps, RgbImage? image, IReadOnlyList<RgbImage> cameos,
    Func<int, IReadOnlyList<Models.LikenessPlacement>>? placements = null)
{
    // With placements the model composes its scene itself: the photo is its plate, laid in behind the parts the
    // frame's coverage marks, with depth bands from an estimated horizon (found on the first frame; frames are
    // composed one after another).
    private int? _horizon;

    // The image is sampled with headroom so zoom and pan never reach its edge.
    private readonly RgbImage? _image = image is null ? null : CoverFit(image, (int)(width * 1.2), (int)(height * 1.2));

    public RgbImage Compose(RgbImage scene, int frame)
    {
        var t = frame / fps;
        var output = Upscale(scene, width, height);
        if (_image is not null && placements is not null && scene.Alpha is not null) DrawPlate(output, _image, scene, t);
        else if (_image is not null) DrawImageLayer(output, _image, t);
        if (placements is not null)
        {
            // The model said where each face is (a figure's head): drawn there, round, at the output's resolution.
            foreach (var p in placements(frame))
                if (p.Cameo < cameos.Count)
                    DrawFace(output, cameos[p.Cameo], p.X * width, p.Y * height, p.Radius * height, p.Radius * height * 1.15);
        }
        else
            for (var i = 0; i < cameos.Count; i++) DrawCameo(output, cameos[i], i, cameos.Count, t);
        return output;
    }

    /// <summary>
    /// Bilinear upscale, separable and in fixed point (weights out of 256): each source row is widened once (a source
    /// row feeds about four output rows at 4x), then each output row is one vectorised blend of two widened rows. This
    /// is the compositor's hot loop, running beside the model and the encoder on the same cores.
    /// </summary>
    public static RgbImage Upscale(RgbImage source, int w, int h)
    {
        if (source.Width == w && source.Height == h) return new RgbImage(w, h, (byte[])source.Pixels.Clone());
        var (sw, sh) = (source.Width, source.Height);
        var src = source.Pixels;
        var x0 = new int[w];
        var x1 = new int[w];
        var wx = new int[w];
        for (var x = 0; x < w; x++)
        {
            var sx = Math.Clamp((x + 0.5f) * sw / w - 0.5f, 0, sw - 1.001f);
            x0[x] = (int)sx * 3;
            x1[x] = Math.Min((int)sx + 1, sw - 1) * 3;
            wx[x] = (int)((sx - (int)sx) * 256 + 0.5f);
        }
        var stride = w * 3;
        // Each widened value is the pixel × 256, exact in 16 bits.
        var widened = GC.AllocateUninitializedArray<ushort>(sh * stride);
        Parallel.For(0, sh, y =>
        {
            var row = src.AsSpan(y * sw * 3, sw * 3);
            var o = widened.AsSpan(y * stride, stride);
            for (var x = 0; x < w; x++)
            {
                var (a, b, f) = (x0[x], x1[x], wx[x]);
                o[x * 3] = (ushort)(row[a] * (256 - f) + row[b] * f);
                o[x * 3 + 1] = (ushort)(row[a + 1] * (256 - f) + row[b + 1] * f);
                o[x * 3 + 2] = (ushort)(row[a + 2] * (256 - f) + row[b + 2] * f);
            }
        });
        // Every byte is written below, so the frame needs no zeroing.
        var output = GC.AllocateUninitializedArray<byte>(h * stride);
        Parallel.For(0, h, y =>
        {
            var sy = Math.Clamp((y + 0.5f) * sh / h - 0.5f, 0, sh - 1.001f);
            var y0 = (int)sy;
            var wy = (uint)((sy - y0) * 256 + 0.5f);
            Blend(widened.AsSpan(y0 * stride, stride), widened.AsSpan(Math.Min(y0 + 1, sh - 1) * stride, stride), 256 - wy, wy,
                output.AsSpan(y * stride, stride));
        });
        return new RgbImage(w, h, output);
    }

    /// <summary>output = (top × wTop + bottom × wBottom) / 65536, rounded; the weights add up to 256.</summary>
    private static void Blend(ReadOnlySpan<ushort> top, ReadOnlySpan<ushort> bottom, uint wTop, uint wBottom, Span<byte> output)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (vt, vb, half) = (new Vector<uint>(wTop), new Vector<uint>(wBottom), new Vector<uint>(32768));
            var n = Vector<ushort>.Count;
            for (; i <= output.Length - 2 * n; i += 2 * n)
                Vector.Narrow(Mix(top[i..], bottom[i..], vt, vb, half), Mix(top[(i + n)..], bottom[(i + n)..], vt, vb, half)).CopyTo(output[i..]);
        }
        for (; i < output.Length; i++) output[i] = (byte)((top[i] * wTop + bottom[i] * wBottom + 32768) >> 16);
    }

    private static Vector<ushort> Mix(ReadOnlySpan<ushort> top, ReadOnlySpan<ushort> bottom, Vector<uint> wTop, Vector<uint> wBottom, Vector<uint> half)
    {
        Vector.Widen(new Vector<ushort>(top), out var t0, out var t1);
        Vector.Widen(new Vector<ushort>(bottom), out var b0, out var b1);
        return Vector.Narrow(Vector.ShiftRightLogical(t0 * wTop + b0 * wBottom + half, 16), Vector.ShiftRightLogical(t1 * wTop + b1 * wBottom + half, 16));
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

    /// <summary>
    /// The photo as the plate behind the model's parts: above the estimated horizon the far band barely moves; below it
    /// each row moves and grows more the nearer (lower) it is, as the camera drifts and pushes in. The parts stay in
    /// front where the scene's coverage (upscaled from the model's size) says they are.
    /// </summary>
    private void DrawPlate(RgbImage output, RgbImage picture, RgbImage scene, double t)
    {
        var horizon = _horizon ??= Horizon(picture);
        var (cx, cy) = (picture.Width / 2.0, picture.Height / 2.0);
        var (sw, sh) = (scene.Width, scene.Height);
        var alpha = scene.Alpha!;
        var pixels = output.Pixels;
        Parallel.For(0, height, y =>
        {
            var row = cy + (y - height / 2.0);
            var band = row < horizon ? 0.15 : 0.15 + 0.85 * (row - horizon) / Math.Max(1, picture.Height - horizon);
            var zoom = 1 + 0.03 * t * band;
            var drift = 0.04 * Math.Sin(0.7 * t) * width * band;
            var sy = (float)(cy + (y - height / 2.0) / zoom);
            var ay = Math.Clamp((y + 0.5f) * sh / height - 0.5f, 0, sh - 1);
            var (ay0, fy) = ((int)ay, ay - (int)ay);
            var ay1 = Math.Min(ay0 + 1, sh - 1);
            for (var x = 0; x < width; x++)
            {
                var ax = Math.Clamp((x + 0.5f) * sw / width - 0.5f, 0, sw - 1);
                var (ax0, fx) = ((int)ax, ax - (int)ax);
                var ax1 = Math.Min(ax0 + 1, sw - 1);
                var a = ((alpha[ay0 * sw + ax0] * (1 - fx) + alpha[ay0 * sw + ax1] * fx) * (1 - fy) +
                         (alpha[ay1 * sw + ax0] * (1 - fx) + alpha[ay1 * sw + ax1] * fx) * fy) / 255f;
                if (a >= 0.999f) continue;
                var sx = (float)(cx + (x - width / 2.0 + drift) / zoom);
                var o = (y * width + x) * 3;
                for (var c = 0; c < 3; c++) pixels[o + c] = (byte)(picture.Sample(sx, sy, c) * (1 - a) + pixels[o + c] * a + 0.5f);
            }
        });
    }

    /// <summary>The row between a quarter and three quarters of the height where the mean brightness changes most: the horizon's guess.</summary>
    private static int Horizon(RgbImage image)
    {
        var rows = new double[image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            long sum = 0;
            for (var x = 0; x < image.Width; x++)
            {
                var o = (y * image.Width + x) * 3;
                sum += image.Pixels[o] + image.Pixels[o + 1] + image.Pixels[o + 2];
            }
            rows[y] = sum / (3.0 * image.Width);
        }
        var (best, at) = (-1.0, image.Height / 2);
        for (var y = image.Height / 4 + 2; y < image.Height * 3 / 4 - 2; y++)
        {
            var change = Math.Abs(rows[y + 2] - rows[y - 2]);
            if (change > best) (best, at) = (change, y);
        }
        return at;
    }

    /// <summary>The likeness in a soft-edged ellipse, moving along a slow path and bobbing, one per cameo slot.</summary>
    private void DrawCameo(RgbImage output, RgbImage face, int slot, int slots, double t)
    {
        var size = Math.Min(width, height) * (slots == 1 ? 0.42 : 0.34) * (1 + 0.04 * Math.Sin(t * 2.4 + slot));
        var baseX = slots == 1 ? 0.5 : slot == 0 ? 0.3 : 0.7;
        var cx = width * (baseX + 0.06 * Math.Sin(t * 0.9 + slot * 1.7));
        var cy = height * (0.46 + 0.04 * Math.Cos(t * 1.3 + slot));
        DrawFace(output, face, cx, cy, size * 0.42, size * 0.52);
    }

    /// <summary>The face crop in a soft-edged ellipse centred on (cx, cy).</summary>
    private void DrawFace(RgbImage output, RgbImage face, double cx, double cy, double rx, double ry)
    {
        if (rx < 1 || ry < 1) return;
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
