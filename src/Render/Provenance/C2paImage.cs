using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sora.Render.Provenance;

/// <summary>
/// C2PA in still images. JPEG: the store is split over APP11 segments (JPEG XT: "JP", box instance 0x0211, a
/// sequence number, and from the second segment on the store's first 8 bytes repeated), inserted after the JFIF
/// APP0. PNG (read only, for uploads): a <c>caBX</c> chunk. Their hard binding is <c>c2pa.hash.data</c>: SHA-256 of
/// the file with the manifest's own bytes excluded.
/// </summary>
public static class C2paImage
{
    public const string HashLabel = "c2pa.hash.data";
    private const int MaxSegmentData = 64000;
    private static readonly byte[] InstanceNumber = [0x02, 0x11];

    /// <summary>Returns the JPEG with the manifest store inserted.</summary>
    public static byte[] SignJpeg(byte[] jpeg, C2paManifestContent content, ProvenanceSigner signer)
    {
        var segments = JpegSegments(jpeg);
        if (segments.Any(IsC2paSegment(jpeg))) throw new InvalidDataException("The image already carries a manifest.");
        var app0 = segments.LastOrDefault(s => s.Marker == 0xE0);
        var at = app0.Length == 0 ? 2 : app0.Offset + app0.Length;

        // The exclusion's length is in the store, so it is sized until it agrees with itself (the CBOR width of a
        // number changes only at 24, 256 and 65536: it settles in two or three rounds).
        var length = 0;
        byte[] store;
        for (var round = 0; ; round++)
        {
            store = C2paManifestBuilder.BuildStore(content, HashAssertion(at, length, new byte[32]), signer);
            var needed = SegmentsLength(store.Length);
            if (needed == length) break;
            if (round == 5) throw new InvalidOperationException("The manifest size does not settle.");
            length = needed;
        }
        // The excluded range is exactly what is inserted, so the hash is that of the image as it was.
        store = C2paManifestBuilder.BuildStore(content, HashAssertion(at, length, SHA256.HashData(jpeg)), signer);
        var output = new byte[jpeg.Length + length];
        jpeg.AsSpan(0, at).CopyTo(output);
        var written = WriteSegments(store, output.AsSpan(at));
        if (written != length) throw new InvalidOperationException("The manifest changed size between sizing and signing.");
        jpeg.AsSpan(at).CopyTo(output.AsSpan(at + length));
        return output;
    }

    private static C2paAssertion HashAssertion(int start, int length, byte[] hash) => new(HashLabel, Cbor.Encode(new CborMap
    {
        { "exclusions", new List<object> { new CborMap { { "start", start }, { "length", length } } } },
        { "name", "jumbf manifest" },
        { "alg", C2paManifestBuilder.Alg },
        { "hash", hash },
        { "pad", Array.Empty<byte>() },
    }));

    private static int SegmentsLength(int storeLength)
    {
        var chunks = (storeLength + MaxSegmentData - 1) / MaxSegmentData;
        return chunks * (2 + 2 + 8) + (chunks - 1) * 8 + storeLength;
    }

    private static int WriteSegments(byte[] store, Span<byte> to)
    {
        var written = 0;
        for (int offset = 0, seq = 1; offset < store.Length; offset += MaxSegmentData, seq++)
        {
            var chunk = store.AsSpan(offset, Math.Min(MaxSegmentData, store.Length - offset));
            var repeat = seq > 1 ? 8 : 0;
            var segment = to[written..];
            segment[0] = 0xFF;
            segment[1] = 0xEB;
            BinaryPrimitives.WriteUInt16BigEndian(segment[2..], (ushort)(2 + 8 + repeat + chunk.Length));
            "JP"u8.CopyTo(segment[4..]);
            InstanceNumber.CopyTo(segment[6..]);
            BinaryPrimitives.WriteUInt32BigEndian(segment[8..], (uint)seq);
            if (repeat > 0) store.AsSpan(0, 8).CopyTo(segment[12..]);
            chunk.CopyTo(segment[(12 + repeat)..]);
            written += 12 + repeat + chunk.Length;
        }
        return written;
    }

    private readonly record struct Segment(byte Marker, int Offset, int Length);

    /// <summary>The marker segments before the scan (offset and length include the marker).</summary>
    private static List<Segment> JpegSegments(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) throw new InvalidDataException("Not a JPEG.");
        var segments = new List<Segment>();
        var offset = 2;
        while (offset + 4 <= jpeg.Length)
        {
            if (jpeg[offset] != 0xFF) throw new InvalidDataException("A JPEG marker was expected.");
            var marker = jpeg[offset + 1];
            if (marker == 0xFF) { offset++; continue; }
            if (marker is 0xD9 or 0xDA) break; // the scan (or the end): no more metadata segments
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) { offset += 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(offset + 2)..]);
            if (length < 2 || offset + 2 + length > jpeg.Length) throw new InvalidDataException("A JPEG segment overruns the file.");
            segments.Add(new Segment(marker, offset, 2 + length));
            offset += 2 + length;
        }
        return segments;
    }

    private static Func<Segment, bool> IsC2paSegment(byte[] jpeg) => s =>
        s.Marker == 0xEB && s.Length >= 4 + 28 && jpeg.AsSpan(s.Offset + 4, 2).SequenceEqual("JP"u8)
        && jpeg.AsSpan(s.Offset + 4 + 24, 4).SequenceEqual("c2pa"u8);

    /// <summary>The C2PA store in a JPEG or PNG, and where its bytes lie in the file; null when it has none.</summary>
    public static (byte[] Store, IReadOnlyList<(long Start, long Length)> Ranges)? Extract(byte[] image)
    {
        if (image.Length > 8 && image.AsSpan(0, 8).SequenceEqual(PngSignature)) return ExtractPng(image);
        var segments = JpegSegments(image);
        var first = segments.FindIndex(s => IsC2paSegment(image)(s));
        if (first < 0) return null;
        var instance = image.AsSpan(segments[first].Offset + 6, 2).ToArray();
        using var store = new MemoryStream();
        var ranges = new List<(long, long)>();
        for (var i = first; i < segments.Count; i++)
        {
            var s = segments[i];
            if (s.Marker != 0xEB || s.Length < 12 || !image.AsSpan(s.Offset + 4, 2).SequenceEqual("JP"u8) || !image.AsSpan(s.Offset + 6, 2).SequenceEqual(instance))
                continue;
            var skip = i == first ? 12 : 20;
            if (s.Length < skip) throw new InvalidDataException("A C2PA segment is truncated.");
            store.Write(image.AsSpan(s.Offset + skip, s.Length - skip));
            ranges.Add((s.Offset, s.Length));
        }
        return (store.ToArray(), ranges);
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static (byte[], IReadOnlyList<(long, long)>)? ExtractPng(byte[] png)
    {
        var offset = 8;
        while (offset + 12 <= png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            if (length < 0 || offset + 12L + length > png.Length) throw new InvalidDataException("A PNG chunk overruns the file.");
            var type = png.AsSpan(offset + 4, 4);
            if (type.SequenceEqual("caBX"u8)) return (png.AsSpan(offset + 8, length).ToArray(), [(offset, 12L + length)]);
            if (type.SequenceEqual("IEND"u8)) break;
            offset += 12 + length;
        }
        return null;
    }

    /// <summary>SHA-256 of the file without the given ranges (a data hash's exclusions).</summary>
    public static byte[] Hash(ReadOnlySpan<byte> file, IEnumerable<(long Start, long Length)> exclusions)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long at = 0;
        foreach (var (start, length) in exclusions.OrderBy(e => e.Start))
        {
            if (start < at || start + length > file.Length) throw new InvalidDataException("The exclusions overlap or overrun the file.");
            hash.AppendData(file[(int)at..(int)start]);
            at = start + length;
        }
        hash.AppendData(file[(int)at..]);
        return hash.GetHashAndReset();
    }
}
