using Sora.Render.Media;

namespace Sora.Render.Moderation;

/// <summary>
/// A 63-bit DCT hash of one frame (pHash): the centre of the frame (the middle <see cref="Centre"/> of each side, so a
/// crop, a letterbox or a caption near the edge moves it little) in grayscale, shrunk to 32x32, transformed, and the
/// signs of its 8x8 lowest frequencies but the mean against their median. A re-encode, a rescale or a contrast change
/// leaves it within a few bits. The mirrored frame's hash comes from the same coefficients: mirroring negates every
/// coefficient of odd horizontal frequency.
/// </summary>
public static class PerceptualHash
{
    private const int Size = 32;
    private const int Low = 8;
    public const float Centre = 0.8f;
    /// <summary>Frames flatter than this (gray level standard deviation) carry no picture to recognise (a fade, black).</summary>
    public const double MinContrast = 3.0;

    private static readonly double[,] Dct = BuildDct();

    private static double[,] BuildDct()
    {
        var c = new double[Low, Size];
        for (var k = 0; k < Low; k++)
        for (var n = 0; n < Size; n++)
            c[k, n] = Math.Cos(Math.PI * (2 * n + 1) * k / (2.0 * Size));
        return c;
    }

    /// <summary>Where a copy cropped by <see cref="Crop"/> (kept share of each side) can sit in the original, per axis.</summary>
    public const float Crop = 0.9f;
    private static readonly float[] Anchors = [0, (1 - Crop) / 2, 1 - Crop];

    /// <summary>
    /// The hash of the frame's centre, and its variants: the same frame mirrored, and the centres a copy cropped by 10 %
    /// would show (anchored at each corner, edge and the middle), each as it is and mirrored. A copy's plain hash is
    /// compared with an original's variants, so a crop or a mirror costs no more than a re-encode. Null for a flat frame.
    /// </summary>
    public static (long Hash, long[] Variants)? Of(RgbImage frame)
    {
        if (Hash(frame, (1 - Centre) / 2, (1 - Centre) / 2, Centre) is not { } centre) return null;
        var variants = new List<long> { centre.Mirrored };
        foreach (var ay in Anchors)
        foreach (var ax in Anchors)
        {
            // The copy keeps [a, a + Crop] of each axis; its centre is the middle Centre share of that.
            var inner = Crop * Centre;
            if (Hash(frame, ax + Crop * (1 - Centre) / 2, ay + Crop * (1 - Centre) / 2, inner) is { } cropped)
                variants.AddRange([cropped.Hash, cropped.Mirrored]);
        }
        return (centre.Hash, [.. variants.Distinct()]);
    }

    /// <summary>The hash of one square-in-proportion region (origin and side as shares of the frame), and of its mirror.</summary>
    private static (long Hash, long Mirrored)? Hash(RgbImage frame, float x0, float y0, float share)
    {
        var side = Size * 2;
        var small = frame.CropResize(frame.Width * x0, frame.Height * y0, frame.Width * share, frame.Height * share, side, side).Gray();
        // 2x2 box average after the bilinear shrink: less aliasing of fine detail (text, noise) into the low frequencies.
        var x = new double[Size, Size];
        double sum = 0, sumSq = 0;
        for (var y = 0; y < Size; y++)
        for (var i = 0; i < Size; i++)
        {
            var v = (small[2 * y * side + 2 * i] + small[2 * y * side + 2 * i + 1] + small[(2 * y + 1) * side + 2 * i] + small[(2 * y + 1) * side + 2 * i + 1]) / 4.0;
            x[y, i] = v;
            sum += v;
            sumSq += v * v;
        }
        var mean = sum / (Size * Size);
        if (Math.Sqrt(Math.Max(0, sumSq / (Size * Size) - mean * mean)) < MinContrast) return null;

        // Rows first (vertical frequencies v), then columns (horizontal frequencies u): coef[v, u].
        var rows = new double[Low, Size];
        for (var v = 0; v < Low; v++)
        for (var i = 0; i < Size; i++)
        {
            double s = 0;
            for (var y = 0; y < Size; y++) s += Dct[v, y] * x[y, i];
            rows[v, i] = s;
        }
        var coef = new double[Low * Low];
        for (var v = 0; v < Low; v++)
        for (var u = 0; u < Low; u++)
        {
            double s = 0;
            for (var i = 0; i < Size; i++) s += rows[v, i] * Dct[u, i];
            coef[v * Low + u] = s;
        }
        var mirrored = coef.Select((c, k) => k % Low % 2 == 1 ? -c : c).ToArray();
        return (Bits(coef), Bits(mirrored));
    }

    /// <summary>One bit per coefficient but the mean (k = 0): above the median of those 63.</summary>
    private static long Bits(double[] coef)
    {
        var ac = coef[1..].Order().ToArray();
        var median = ac[ac.Length / 2];
        long bits = 0;
        for (var k = 1; k < coef.Length; k++)
            if (coef[k] > median) bits |= 1L << (k - 1);
        return bits;
    }
}
