using System.Globalization;

namespace Sora.Render.Generations;

/// <summary>
/// The visible mark: "Sora @creator", and for a remix a second line crediting the source's creator
/// ("remix of @source"), the same lineage the provenance manifest records as an ingredient.
/// </summary>
public sealed record Watermark(string Text, string? Credit = null)
{
    /// <summary>
    /// The credit when the source's creator cannot be named (their account is gone or unknown): the video still
    /// says it is a remix, but names nobody, because a freed handle may belong to someone else by now.
    /// </summary>
    public const string UnknownSourceCredit = "remix of a Sora video";

    public static Watermark For(string creatorHandle, bool isRemix, string? sourceHandle) =>
        new($"Sora @{creatorHandle}", isRemix ? RemixCredit(sourceHandle) : null);

    public static string RemixCredit(string? sourceHandle) =>
        string.IsNullOrWhiteSpace(sourceHandle) ? UnknownSourceCredit : $"remix of @{sourceHandle}";

    /// <summary>Where and how large the mark is drawn in a frame of this size (see <see cref="WatermarkLayout"/>).</summary>
    public WatermarkLayout Layout(int width, int height) => WatermarkLayout.Of(this, width, height);
}

/// <summary>
/// Sizing and motion of the watermark in one frame size. The text block (main line, then the credit) is sized so that
/// its measured width fits the frame less a margin on both sides, at most 1/26 of the frame height (the original size,
/// which landscape keeps): in portrait, where the height is the long side, 1/26 of it made "Sora @" and a 30-character
/// handle wider than the frame. The block then moves within the frame less the margin (x and y follow slow sines), so
/// every position it takes keeps the whole text, its border included, inside with that margin.
/// </summary>
public sealed record WatermarkLayout(int Width, int Height, int Margin, int Border, int FontSize, int CreditFontSize,
    double BlockWidth, double BlockHeight, double CreditOffset)
{
    /// <summary>The outline drawn around the glyphs, in pixels.</summary>
    public const int BorderPixels = 2;

    /// <summary>Slack per glyph for FreeType's hinting, which rounds each advance to whole pixels.</summary>
    private const double HintingSlack = 0.5;

    private const double CreditScale = 0.75;
    private const double LineGap = 0.15;

    public static WatermarkLayout Of(Watermark watermark, int width, int height)
    {
        // Measured as drawn: drawtext gets the escaped text.
        var mark = new Watermark(VideoEncoder.Escape(watermark.Text), watermark.Credit is null ? null : VideoEncoder.Escape(watermark.Credit));
        var margin = Math.Max(4, (int)Math.Round(Math.Min(width, height) * 0.03));
        var room = width - 2 * margin - 2 * BorderPixels;
        var font = FontMetrics.Default;
        int Fit(string text, double cap) =>
            Math.Max(1, (int)Math.Floor(Math.Min(cap, (room - HintingSlack * text.Length) / font.Width(text))));
        var size = Fit(mark.Text, height / 26.0);
        var creditSize = mark.Credit is null ? 0 : Fit(mark.Credit, size * CreditScale);
        var lineHeight = size * font.LineHeight + 2 * BorderPixels + 2;
        var blockWidth = Measure(font, mark.Text, size);
        var blockHeight = lineHeight;
        var creditOffset = 0.0;
        if (mark.Credit is not null)
        {
            blockWidth = Math.Max(blockWidth, Measure(font, mark.Credit, creditSize));
            creditOffset = lineHeight + size * LineGap;
            blockHeight = creditOffset + creditSize * font.LineHeight + 2 * BorderPixels + 2;
        }
        return new WatermarkLayout(width, height, margin, BorderPixels, size, creditSize, blockWidth, blockHeight, creditOffset);
    }

    private static double Measure(FontMetrics font, string text, int size) => font.Width(text) * size + HintingSlack * text.Length + 2 * BorderPixels;

    /// <summary>The block's top-left corner at <paramref name="seconds"/> into the video (what the filter's expressions draw).</summary>
    public (double X, double Y) At(double seconds) =>
        (Margin + (Width - 2 * Margin - BlockWidth) * (0.5 + 0.42 * Math.Sin(seconds * 0.9)),
         Margin + (Height - 2 * Margin - BlockHeight) * (0.5 + 0.42 * Math.Cos(seconds * 0.63)));

    /// <summary>The same motion as ffmpeg expressions of the frame time t, shifted by <paramref name="offset"/> seconds (a still drawn as frame t).</summary>
    public (string X, string Y) Expressions(double offset = 0)
    {
        var t = offset == 0 ? "t" : F($"(t+{offset:0.#####})");
        return (F($"{Margin}+{Width - 2 * Margin - BlockWidth:0.###}*(0.5+0.42*sin({t}*0.9))"),
                F($"{Margin}+{Height - 2 * Margin - BlockHeight:0.###}*(0.5+0.42*cos({t}*0.63))"));
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
