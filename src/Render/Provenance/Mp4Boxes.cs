using System.Buffers.Binary;

namespace Sora.Render.Provenance;

/// <summary>A top-level ISO BMFF box: where it is in the file and how long it is (header included).</summary>
public sealed record Mp4Box(string Type, long Offset, long Size, Guid? UserType);

/// <summary>
/// Top-level box walking and the one rewrite provenance needs: moving everything after <c>ftyp</c> by N bytes,
/// which means adding N to every chunk offset in the sample tables (stco/co64), since those are absolute.
/// </summary>
public static class Mp4Boxes
{
    public static List<Mp4Box> TopLevel(ReadOnlySpan<byte> file)
    {
        var boxes = new List<Mp4Box>();
        long offset = 0;
        while (offset < file.Length)
        {
            if (file.Length - offset < 8) throw new InvalidDataException("Truncated box header.");
            long size = BinaryPrimitives.ReadUInt32BigEndian(file[(int)offset..]);
            var type = System.Text.Encoding.ASCII.GetString(file.Slice((int)offset + 4, 4));
            var header = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(file[((int)offset + 8)..]);
                header = 16;
            }
            else if (size == 0)
            {
                size = file.Length - offset;
            }
            if (size < header || offset + size > file.Length) throw new InvalidDataException($"Box '{type}' at {offset} overruns the file.");
            Guid? user = null;
            if (type == "uuid")
            {
                if (size < header + 16) throw new InvalidDataException("Truncated uuid box.");
                user = new Guid(file.Slice((int)offset + header, 16), bigEndian: true);
            }
            boxes.Add(new Mp4Box(type, offset, size, user));
            offset += size;
        }
        return boxes;
    }

    /// <summary>Adds <paramref name="delta"/> to every chunk offset inside a moov box (in place).</summary>
    public static void ShiftChunkOffsets(Span<byte> moov, long delta)
    {
        foreach (var (type, start, end) in Children(moov, 8))
            Shift(moov, type, start, end, delta);
    }

    private static void Shift(Span<byte> data, string type, int start, int end, long delta)
    {
        switch (type)
        {
            case "trak" or "mdia" or "minf" or "stbl":
                foreach (var (child, s, e) in Children(data[..end], start + 8)) Shift(data, child, s, e, delta);
                break;
            case "stco":
            {
                var count = BinaryPrimitives.ReadUInt32BigEndian(data[(start + 12)..]);
                for (var i = 0; i < count; i++)
                {
                    var at = data[(start + 16 + i * 4)..];
                    var value = BinaryPrimitives.ReadUInt32BigEndian(at) + delta;
                    if (value > uint.MaxValue) throw new InvalidDataException("Chunk offset overflow: the file needs co64.");
                    BinaryPrimitives.WriteUInt32BigEndian(at, (uint)value);
                }
                break;
            }
            case "co64":
            {
                var count = BinaryPrimitives.ReadUInt32BigEndian(data[(start + 12)..]);
                for (var i = 0; i < count; i++)
                {
                    var at = data[(start + 16 + i * 8)..];
                    BinaryPrimitives.WriteUInt64BigEndian(at, (ulong)((long)BinaryPrimitives.ReadUInt64BigEndian(at) + delta));
                }
                break;
            }
        }
    }

    private static List<(string Type, int Start, int End)> Children(ReadOnlySpan<byte> data, int from)
    {
        var children = new List<(string, int, int)>();
        var offset = from;
        while (offset + 8 <= data.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
            if (size < 8 || offset + size > data.Length) break;
            children.Add((System.Text.Encoding.ASCII.GetString(data.Slice(offset + 4, 4)), offset, offset + size));
            offset += size;
        }
        return children;
    }
}
