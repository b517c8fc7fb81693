using Sora.Render.Media;
using Sora.Render.Models.World;

namespace Sora.Render.Tests.World;

/// <summary>Plain image measurements for the recognisability checks: colour blobs, row bands, curve fits.</summary>
public static class FrameMeasures
{
    /// <summary>
    /// The centroid of the pixels of <paramref name="colour"/>'s hue and how many: their chromaticity (each channel's
    /// share of the sum) within <paramref name="tolerance"/> of the colour's, whatever the light and shade did to brightness.
    /// </summary>
    public static (double X, double Y, int Count) Blob(RgbImage image, Rgb colour, double tolerance = 0.2)
    {
        var sum = (double)(colour.R + colour.G + colour.B);
        var (tr, tg) = (colour.R / sum, colour.G / sum);
        var (sx, sy, n) = (0.0, 0.0, 0);
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            var o = (y * image.Width + x) * 3;
            var (r, g, b) = (image.Pixels[o], image.Pixels[o + 1], image.Pixels[o + 2]);
            var total = (double)(r + g + b);
            if (Math.Max(r, Math.Max(g, b)) < 50) continue;
            var (pr, pg) = (r / total, g / total);
            var distance = Math.Abs(pr - tr) + Math.Abs(pg - tg) + Math.Abs((1 - pr - pg) - (1 - tr - tg));
            if (distance > tolerance) continue;
            (sx, sy, n) = (sx + x, sy + y, n + 1);
        }
        return n == 0 ? (double.NaN, double.NaN, 0) : (sx / n, sy / n, n);
    }

    /// <summary>The mean colour of the rows between the fractions <paramref name="from"/> and <paramref name="to"/> of the height.</summary>
    public static double[] MeanRows(RgbImage image, double from, double to)
    {
        var sum = new double[3];
        var n = 0;
        for (var y = (int)(from * image.Height); y < (int)(to * image.Height); y++)
        for (var x = 0; x < image.Width; x++, n++)
            for (var c = 0; c < 3; c++) sum[c] += image.Pixels[(y * image.Width + x) * 3 + c];
        return sum.Select(v => v / n).ToArray();
    }

    /// <summary>Least-squares y = a t² + b t + c.</summary>
    public static (double A, double B, double C) Quadratic(double[] t, double[] y)
    {
        var m = new double[3, 4];
        for (var i = 0; i < t.Length; i++)
        {
            double[] row = [t[i] * t[i], t[i], 1];
            for (var r = 0; r < 3; r++)
            {
                for (var k = 0; k < 3; k++) m[r, k] += row[r] * row[k];
                m[r, 3] += row[r] * y[i];
            }
        }
        for (var col = 0; col < 3; col++)
        for (var r = 0; r < 3; r++)
        {
            if (r == col) continue;
            var f = m[r, col] / m[col, col];
            for (var k = 0; k < 4; k++) m[r, k] -= f * m[col, k];
        }
        return (m[0, 3] / m[0, 0], m[1, 3] / m[1, 1], m[2, 3] / m[2, 2]);
    }

    /// <summary>How well a parabola fits: the mean squared residual as a fraction of the rows' variance (0 is perfect).</summary>
    public static double ParabolaMisfit(double[] rows, double fps)
    {
        var times = Enumerable.Range(0, rows.Length).Select(i => i / fps).ToArray();
        var (a, b, c) = Quadratic(times, rows);
        var residual = times.Select((t, i) => Math.Pow(rows[i] - (a * t * t + b * t + c), 2)).Average();
        var mean = rows.Average();
        var variance = rows.Select(r => Math.Pow(r - mean, 2)).Average();
        return a > 0 ? residual / Math.Max(variance, 1e-9) : double.PositiveInfinity;
    }

    /// <summary>Frames where a row track turns from rising to falling (screen rows grow downwards: local minima).</summary>
    public static List<int> Apexes(double[] rows, int from)
    {
        var apexes = new List<int>();
        for (var i = Math.Max(1, from); i < rows.Length - 1; i++)
            if (rows[i] < rows[i - 1] && rows[i] <= rows[i + 1]) apexes.Add(i);
        return apexes;
    }

    /// <summary>Frames where it turns from falling to rising: the bounces.</summary>
    public static List<int> Bottoms(double[] rows)
    {
        var bottoms = new List<int>();
        for (var i = 1; i < rows.Length - 1; i++)
            if (rows[i] > rows[i - 1] && rows[i] >= rows[i + 1]) bottoms.Add(i);
        return bottoms;
    }
}
