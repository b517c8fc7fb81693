namespace Sora.Render.Media;

/// <summary>
/// An 8-bit RGB frame as ffmpeg decodes it (rgb24, row-major). The handful of operations the face models need
/// (bilinear resize, crop, grayscale, affine warp) are here, so no imaging library with licence or native-asset
/// baggage is needed.
/// </summary>
public sealed class RgbImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public byte[] Pixels { get; } = pixels.Length == width * height * 3
        ? pixels
        : throw new ArgumentException($"Expected {width * height * 3} bytes for {width}x{height} rgb24, got {pixels.Length}.");

    /// <summary>
    /// Optional coverage, one byte per pixel (255 opaque): a model's frame drawn over a plate says which pixels are its
    /// subjects, so the plate can be laid in behind them at the output's resolution.
    /// </summary>
    public byte[]? Alpha { get; init; }

    /// <summary>Bilinear sample of channel <paramref name="c"/> at a real-valued position, clamped to the edges.</summary>
    public float Sample(float x, float y, int c)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, Width - 1);
        var y1 = Math.Min(y0 + 1, Height - 1);
        var fx = x - x0;
        var fy = y - y0;
        float At(int px, int py) => Pixels[(py * Width + px) * 3 + c];
        return (At(x0, y0) * (1 - fx) + At(x1, y0) * fx) * (1 - fy) + (At(x0, y1) * (1 - fx) + At(x1, y1) * fx) * fy;
    }

    /// <summary>The region (x, y, w, h) resized to <paramref name="outWidth"/> x <paramref name="outHeight"/>.</summary>
    public RgbImage CropResize(float x, float y, float w, float h, int outWidth, int outHeight)
    {
        var output = new byte[outWidth * outHeight * 3];
        var sx = w / outWidth;
        var sy = h / outHeight;
        for (var oy = 0; oy < outHeight; oy++)
        for (var ox = 0; ox < outWidth; ox++)
        for (var c = 0; c < 3; c++)
            output[(oy * outWidth + ox) * 3 + c] = (byte)Math.Clamp(Sample(x + (ox + 0.5f) * sx - 0.5f, y + (oy + 0.5f) * sy - 0.5f, c) + 0.5f, 0, 255);
        return new RgbImage(outWidth, outHeight, output);
    }

    public RgbImage Resize(int outWidth, int outHeight) => CropResize(0, 0, Width, Height, outWidth, outHeight);

    /// <summary>
    /// Warps with the affine map <paramref name="inverse"/> (output pixel → source point), as OpenCV's
    /// warpAffine with WARP_INVERSE_MAP. Pixels that fall outside the source are black.
    /// </summary>
    public RgbImage WarpAffine(AffineTransform inverse, int outWidth, int outHeight)
    {
        var output = new byte[outWidth * outHeight * 3];
        for (var oy = 0; oy < outHeight; oy++)
        for (var ox = 0; ox < outWidth; ox++)
        {
            var (sx, sy) = inverse.Apply(ox, oy);
            if (sx < 0 || sy < 0 || sx > Width - 1 || sy > Height - 1) continue;
            for (var c = 0; c < 3; c++)
                output[(oy * outWidth + ox) * 3 + c] = (byte)Math.Clamp(Sample(sx, sy, c) + 0.5f, 0, 255);
        }
        return new RgbImage(outWidth, outHeight, output);
    }

    /// <summary>ITU-R BT.601 luma, as OpenCV's RGB2GRAY.</summary>
    public byte[] Gray()
    {
        var gray = new byte[Width * Height];
        for (var i = 0; i < gray.Length; i++)
            gray[i] = (byte)Math.Clamp(0.299f * Pixels[i * 3] + 0.587f * Pixels[i * 3 + 1] + 0.114f * Pixels[i * 3 + 2] + 0.5f, 0, 255);
        return gray;
    }

    /// <summary>Planar CHW floats with (p - 127) / 128, the normalization of the face detector and embedder.</summary>
    public float[] ToChwCentered()
    {
        var plane = Width * Height;
        var data = new float[plane * 3];
        for (var i = 0; i < plane; i++)
        for (var c = 0; c < 3; c++)
            data[c * plane + i] = (Pixels[i * 3 + c] - 127f) / 128f;
        return data;
    }
}

/// <summary>x' = a*x + b*y + c; y' = d*x + e*y + f.</summary>
public readonly record struct AffineTransform(float A, float B, float C, float D, float E, float F)
{
    public (float X, float Y) Apply(float x, float y) => (A * x + B * y + C, D * x + E * y + F);

    /// <summary>The exact affine map taking three source points to three destination points.</summary>
    public static AffineTransform FromTriangles(ReadOnlySpan<(float X, float Y)> from, ReadOnlySpan<(float X, float Y)> to)
    {
        // Solve [x y 1] * [a d; b e; c f] = [x' y'] for the three pairs (Cramer's rule).
        double x1 = from[0].X, y1 = from[0].Y, x2 = from[1].X, y2 = from[1].Y, x3 = from[2].X, y3 = from[2].Y;
        var det = x1 * (y2 - y3) - y1 * (x2 - x3) + (x2 * y3 - x3 * y2);
        if (Math.Abs(det) < 1e-9) throw new ArgumentException("The source points are collinear.");
        (double, double, double) Solve(double v1, double v2, double v3) => (
            (v1 * (y2 - y3) - y1 * (v2 - v3) + (v2 * y3 - v3 * y2)) / det,
            (x1 * (v2 - v3) - v1 * (x2 - x3) + (x2 * v3 - x3 * v2)) / det,
            (x1 * (y2 * v3 - y3 * v2) - y1 * (x2 * v3 - x3 * v2) + v1 * (x2 * y3 - x3 * y2)) / det);
        var (a, b, c) = Solve(to[0].X, to[1].X, to[2].X);
        var (d, e, f) = Solve(to[0].Y, to[1].Y, to[2].Y);
        return new AffineTransform((float)a, (float)b, (float)c, (float)d, (float)e, (float)f);
    }
}
