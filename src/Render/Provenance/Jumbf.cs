using System.Buffers.Binary;
using System.Text;

namespace Sora.Render.Provenance;

/// <summary>
/// JUMBF (ISO/IEC 19566-5), the box format a C2PA manifest store is written in: a superbox (<c>jumb</c>) holds a
/// description box (<c>jumd</c>: a type UUID, toggles, a label) and then content boxes or further superboxes.
/// Written the way c2pa-rs writes them (toggles 3, "requestable + label", no salt), because a reader recomputes an
/// ingredient manifest's hash from its own rebuild of the box: any other layout would not match.
/// </summary>
public static class Jumbf
{
    // The C2PA box type UUIDs: four ASCII letters then the ISO suffix 0011-0010-8000-00AA00389B71.
    public static readonly byte[] Store = TypeId("c2pa");
    public static readonly byte[] Manifest = TypeId("c2ma");
    public static readonly byte[] UpdateManifest = TypeId("c2um");
    public static readonly byte[] AssertionStore = TypeId("c2as");
    public static readonly byte[] Claim = TypeId("c2cl");
    public static readonly byte[] Signature = TypeId("c2cs");
    public static readonly byte[] CborAssertion = TypeId("cbor");

    /// <summary>Deep enough for store → manifest → assertion store → assertion; a hostile file gets no further.</summary>
    private const int MaxDepth = 6;
    private const int MaxChildren = 4096;

    private static byte[] TypeId(string fourCc)
    {
        var id = new byte[16];
        Encoding.ASCII.GetBytes(fourCc).CopyTo(id, 0);
        Convert.FromHexString("00110010800000AA00389B71").CopyTo(id, 4);
        return id;
    }

    public static byte[] Box(string type, ReadOnlySpan<byte> payload)
    {
        var box = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        payload.CopyTo(box.AsSpan(8));
        return box;
    }

    /// <summary>A superbox: its description (type, label) followed by the given boxes.</summary>
    public static byte[] Superbox(byte[] type, string label, params IEnumerable<byte[]> children) => Box("jumb", SuperboxPayload(type, label, children));

    /// <summary>What a hashed URI to a superbox covers: everything inside it, its own 8-byte header excluded.</summary>
    public static byte[] SuperboxPayload(byte[] type, string label, IEnumerable<byte[]> children)
    {
        using var payload = new MemoryStream();
        payload.Write(Description(type, label));
        foreach (var child in children) payload.Write(child);
        return payload.ToArray();
    }

    /// <summary>A CBOR assertion: a superbox of type cbor holding one <c>cbor</c> content box.</summary>
    public static byte[] CborBox(string label, byte[] cbor) => Superbox(CborAssertion, label, Box("cbor", cbor));

    private static byte[] Description(byte[] type, string label)
    {
        var text = Encoding.UTF8.GetBytes(label);
        var payload = new byte[16 + 1 + text.Length + 1];
        type.CopyTo(payload, 0);
        payload[16] = 3;
        text.CopyTo(payload, 17);
        return Box("jumd", payload);
    }

    /// <summary>Parses one superbox (the whole span must be it). Throws InvalidDataException on anything malformed.</summary>
    public static JumbfNode Parse(ReadOnlyMemory<byte> box) => Parse(box, 0);

    private static JumbfNode Parse(ReadOnlyMemory<byte> box, int depth)
    {
        if (depth > MaxDepth) throw new InvalidDataException("JUMBF nested too deeply.");
        var span = box.Span;
        var (type, size, header) = Header(span);
        if (type != "jumb" || size != span.Length) throw new InvalidDataException("Not a JUMBF superbox.");
        var inner = box[header..];
        var (dType, dSize, dHeader) = Header(inner.Span);
        if (dType != "jumd" || dSize < dHeader + 17 || dSize > inner.Length) throw new InvalidDataException("A JUMBF superbox without a description.");
        var desc = inner.Span[dHeader..(int)dSize];
        var uuid = desc[..16].ToArray();
        var toggles = desc[16];
        string? label = null;
        if ((toggles & 0x02) != 0)
        {
            var end = desc[17..].IndexOf((byte)0);
            if (end < 0) throw new InvalidDataException("A JUMBF label without its terminator.");
            label = Encoding.UTF8.GetString(desc.Slice(17, end));
        }

        var children = new List<JumbfNode>();
        var contents = new List<(string Type, ReadOnlyMemory<byte> Data)>();
        var offset = (int)dSize;
        while (offset < inner.Length)
        {
            var (cType, cSize, cHeader) = Header(inner.Span[offset..]);
            if (cSize < cHeader || offset + cSize > inner.Length) throw new InvalidDataException("A JUMBF box overruns its superbox.");
            var child = inner.Slice(offset, (int)cSize);
            if (cType == "jumb") children.Add(Parse(child, depth + 1));
            else contents.Add((cType, child[cHeader..]));
            if (children.Count + contents.Count > MaxChildren) throw new InvalidDataException("Too many JUMBF boxes.");
            offset += (int)cSize;
        }
        return new JumbfNode(uuid, toggles, label, inner, children, contents);
    }

    private static (string Type, long Size, int Header) Header(ReadOnlySpan<byte> span)
    {
        if (span.Length < 8) throw new InvalidDataException("Truncated JUMBF box.");
        long size = BinaryPrimitives.ReadUInt32BigEndian(span);
        var type = Encoding.ASCII.GetString(span.Slice(4, 4));
        var header = 8;
        if (size == 1)
        {
            if (span.Length < 16) throw new InvalidDataException("Truncated JUMBF box.");
            size = (long)BinaryPrimitives.ReadUInt64BigEndian(span[8..]);
            header = 16;
        }
        else if (size == 0)
        {
            size = span.Length;
        }
        if (size > span.Length) throw new InvalidDataException("A JUMBF box overruns the data.");
        return (type, size, header);
    }
}

/// <summary>A parsed superbox. <see cref="Payload"/> is what a hashed URI to it hashes.</summary>
public sealed record JumbfNode(byte[] Type, byte Toggles, string? Label, ReadOnlyMemory<byte> Payload, IReadOnlyList<JumbfNode> Children,
    IReadOnlyList<(string Type, ReadOnlyMemory<byte> Data)> Contents)
{
    public bool Is(byte[] type) => Type.AsSpan().SequenceEqual(type);

    /// <summary>A C2PA box as C2PA writes them: requestable with a label (3), or with a salt as well (19).</summary>
    public bool WellFormed => Toggles is 3 or 19 && Label is not null;

    /// <summary>The child of this type and label, and only if it is well formed: a box that moved, lost or changed either is not it.</summary>
    public JumbfNode? Part(byte[] type, string label) => Children.FirstOrDefault(c => c.Label == label && c.Is(type) && c.WellFormed);

    public JumbfNode? Child(string label) => Children.FirstOrDefault(c => c.Label == label);

    public ReadOnlyMemory<byte>? Content(string type) => Contents.Where(c => c.Type == type).Select(c => (ReadOnlyMemory<byte>?)c.Data).FirstOrDefault();

    /// <summary>The whole superbox as it appears in the file (header and payload), for copying it into another store.</summary>
    public byte[] ToBox() => Jumbf.Box("jumb", Payload.Span);
}
