using System.Buffers.Binary;
using System.Text;

namespace Sora.Render.Generations;

/// <summary>
/// Horizontal metrics of the watermark's font, read from the TrueType file itself (cmap format 4, hmtx, hhea), so the
/// layout measures the glyphs ffmpeg will draw. Without the file (ffmpeg then picks a default font) every character
/// counts as one em, wider than any glyph a handle can hold in DejaVu Sans Bold.
/// </summary>
public sealed class FontMetrics
{
    public const string DefaultPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    private static readonly Lazy<FontMetrics> Shared = new(() => File.Exists(DefaultPath) ? Read(File.ReadAllBytes(DefaultPath)) : new FontMetrics(null, 1.2));

    public static FontMetrics Default => Shared.Value;

    private readonly Func<int, double?>? advance;

    /// <summary>Ascender plus descender, in ems.</summary>
    public double LineHeight { get; }

    private FontMetrics(Func<int, double?>? advance, double lineHeight) => (this.advance, LineHeight) = (advance, lineHeight);

    /// <summary>The sum of the advances of <paramref name="text"/>, in ems (kerning, which only tightens these pairs, is left out).</summary>
    public double Width(string text)
    {
        var sum = 0.0;
        foreach (var rune in text.EnumerateRunes()) sum += advance?.Invoke(rune.Value) ?? 1.0;
        return sum;
    }

    public static FontMetrics Read(byte[] ttf)
    {
        var tables = new Dictionary<string, int>();
        var count = U16(ttf, 4);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + 16 * i;
            tables[Encoding.ASCII.GetString(ttf, record, 4)] = (int)BinaryPrimitives.ReadUInt32BigEndian(ttf.AsSpan(record + 8));
        }
        double em = U16(ttf, tables["head"] + 18);
        var hhea = tables["hhea"];
        var lineHeight = (BinaryPrimitives.ReadInt16BigEndian(ttf.AsSpan(hhea + 4)) - BinaryPrimitives.ReadInt16BigEndian(ttf.AsSpan(hhea + 6))) / em;
        var metrics = U16(ttf, hhea + 34);
        var hmtx = tables["hmtx"];
        var glyphOf = CharacterMap(ttf, tables["cmap"]);
        return new FontMetrics(c =>
        {
            if (glyphOf(c) is not { } glyph) return null;
            return U16(ttf, hmtx + 4 * Math.Min(glyph, metrics - 1)) / em;
        }, lineHeight);
    }

    /// <summary>The Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4: code point to glyph index.</summary>
    private static Func<int, int?> CharacterMap(byte[] ttf, int cmap)
    {
        var sub = -1;
        for (var i = 0; i < U16(ttf, cmap + 2); i++)
        {
            var record = cmap + 4 + 8 * i;
            var (platform, encoding) = (U16(ttf, record), U16(ttf, record + 2));
            var at = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(ttf.AsSpan(record + 4));
            if (U16(ttf, at) == 4 && (platform == 0 || (platform == 3 && encoding == 1))) sub = at;
        }
        if (sub < 0) return _ => null;
        var segments = U16(ttf, sub + 6) / 2;
        var ends = sub + 14;
        var starts = ends + 2 * segments + 2;
        var deltas = starts + 2 * segments;
        var offsets = deltas + 2 * segments;
        return c =>
        {
            for (var i = 0; i < segments; i++)
            {
                if (c > U16(ttf, ends + 2 * i)) continue;
                var start = U16(ttf, starts + 2 * i);
                if (c < start) return null;
                var delta = U16(ttf, deltas + 2 * i);
                var offset = U16(ttf, offsets + 2 * i);
                if (offset == 0) return (c + delta) & 0xFFFF;
                var glyph = U16(ttf, offsets + 2 * i + offset + 2 * (c - start));
                return glyph == 0 ? null : (glyph + delta) & 0xFFFF;
            }
            return null;
        };
    }

    private static int U16(byte[] data, int at) => BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));
}
