using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sora.Render.Provenance;

/// <summary>
/// C2PA in ISO BMFF (MP4): the manifest store travels in a top-level <c>uuid</c> box with the C2PA UUID, right after
/// <c>ftyp</c> (version/flags 0, purpose "manifest", an 8-byte merkle offset of 0, then the store). Its hard binding
/// is <c>c2pa.hash.bmff.v3</c>: SHA-256 over every top-level box that is not excluded, each preceded by its file
/// offset as a big-endian u64, so moving or reordering boxes breaks it as surely as changing a byte. The
/// exclusions are the C2PA defaults (the manifest's own box, ftyp, free, skip, mfra).
/// </summary>
public static class C2paBmff
{
    public static readonly Guid C2paUuid = Guid.Parse("d8fec3d6-1b0e-483c-9297-5828877ec481");
    public const string HashLabel = "c2pa.hash.bmff.v3";
    private static readonly byte[] Purpose = "manifest\0"u8.ToArray();
    private static readonly string[] ExcludedTypes = ["ftyp", "free", "skip", "mfra"];

    /// <summary>Returns the file with the manifest store inserted after ftyp (chunk offsets moved to match).</summary>
    public static byte[] Sign(byte[] mp4, C2paManifestContent content, ProvenanceSigner signer)
    {
        var boxes = Mp4Boxes.TopLevel(mp4);
        if (boxes.Count < 2 || boxes[0].Type != "ftyp") throw new InvalidDataException("Expected an MP4 starting with ftyp.");
        if (boxes.Any(b => b.UserType == C2paUuid)) throw new InvalidDataException("The file already carries a manifest.");
        var moov = boxes.FindIndex(b => b.Type == "moov");
        var mdat = boxes.FindIndex(b => b.Type == "mdat");
        if (moov < 0 || mdat < moov) throw new InvalidDataException("Expected moov before mdat (faststart).");

        // Every length in the store is fixed once its content is (a SHA-256 is 32 bytes, an ES256 signature 64), so a
        // store over a zero hash has the size of the real one: size the box with it, place it, hash, sign for real.
        var sized = C2paManifestBuilder.BuildStore(content, HashAssertion(new byte[32]), signer);
        var boxSize = BoxHeader + sized.Length;
        var file = new byte[mp4.Length + boxSize];
        var ftyp = (int)boxes[0].Size;
        mp4.AsSpan(0, ftyp).CopyTo(file);
        mp4.AsSpan(ftyp).CopyTo(file.AsSpan(ftyp + boxSize));
        foreach (var box in Mp4Boxes.TopLevel(file.AsSpan(ftyp + boxSize)))
            if (box.Type == "moov") Mp4Boxes.ShiftChunkOffsets(file.AsSpan(ftyp + boxSize + (int)box.Offset, (int)box.Size), boxSize);
        WriteBoxHeader(file.AsSpan(ftyp), boxSize);

        var store = C2paManifestBuilder.BuildStore(content, HashAssertion(Hash(file)), signer);
        if (store.Length != sized.Length) throw new InvalidOperationException("The manifest store changed size between sizing and signing.");
        store.CopyTo(file, ftyp + BoxHeader);
        return file;
    }

    private const int BoxHeader = 8 + 16 + 4 + 9 + 8;

    private static void WriteBoxHeader(Span<byte> at, int size)
    {
        BinaryPrimitives.WriteUInt32BigEndian(at, (uint)size);
        "uuid"u8.CopyTo(at[4..]);
        C2paUuid.TryWriteBytes(at[8..], bigEndian: true, out _);
        at.Slice(24, 4).Clear(); // version 0, flags 0
        Purpose.CopyTo(at[28..]);
        at.Slice(37, 8).Clear(); // no merkle tree
    }

    private static C2paAssertion HashAssertion(byte[] hash) => new(HashLabel, Cbor.Encode(new CborMap
    {
        { "exclusions", new List<object>
            {
                new CborMap { { "xpath", "/uuid" }, { "data", new List<object> { new CborMap { { "offset", 8 }, { "value", C2paUuidBytes } } } } },
                new CborMap { { "xpath", "/ftyp" } },
                new CborMap { { "xpath", "/mfra" } },
                new CborMap { { "xpath", "/free" } },
                new CborMap { { "xpath", "/skip" } },
            }
        },
        { "alg", C2paManifestBuilder.Alg },
        { "hash", hash },
        { "name", "jumbf manifest" },
    }));

    private static byte[] C2paUuidBytes
    {
        get
        {
            var bytes = new byte[16];
            C2paUuid.TryWriteBytes(bytes, bigEndian: true, out _);
            return bytes;
        }
    }

    /// <summary>The C2PA store in the file (the payload of its C2PA uuid box), or null when there is none.</summary>
    public static ReadOnlyMemory<byte>? Extract(ReadOnlyMemory<byte> file)
    {
        var boxes = Mp4Boxes.TopLevel(file.Span);
        var c2pa = boxes.Where(b => b.UserType == C2paUuid).ToList();
        if (c2pa.Count == 0) return null;
        if (c2pa.Count > 1) throw new InvalidDataException("More than one C2PA box.");
        var box = c2pa[0];
        var payload = file.Slice((int)box.Offset, (int)box.Size)[24..];
        if (payload.Length < 4 + Purpose.Length + 8 || !payload.Span[4..].StartsWith(Purpose))
            throw new InvalidDataException("The C2PA box has no manifest purpose.");
        return payload[(4 + Purpose.Length + 8)..];
    }

    /// <summary>
    /// The bmff hash (v2 and v3 alike without a merkle tree): every top-level box whose type is not excluded, each
    /// preceded by its offset. <paramref name="excluded"/> holds top-level types; "uuid" stands for the C2PA uuid box
    /// only. Null means the defaults Sora writes.
    /// </summary>
    public static byte[] Hash(ReadOnlySpan<byte> file, IReadOnlySet<string>? excluded = null)
    {
        excluded ??= DefaultExclusions;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> offset = stackalloc byte[8];
        foreach (var box in Mp4Boxes.TopLevel(file))
        {
            if (box.Type == "uuid" ? box.UserType == C2paUuid && excluded.Contains("uuid") : excluded.Contains(box.Type)) continue;
            BinaryPrimitives.WriteUInt64BigEndian(offset, (ulong)box.Offset);
            hash.AppendData(offset);
            hash.AppendData(file.Slice((int)box.Offset, (int)box.Size));
        }
        return hash.GetHashAndReset();
    }

    private static readonly IReadOnlySet<string> DefaultExclusions = new HashSet<string>(["uuid", .. ExcludedTypes]);

    /// <summary>
    /// The top-level types an assertion excludes, or null when it asks for more than this verifier does (a nested
    /// xpath, a subset, a length or version match): the verifier reports that as malformed, never hashes otherwise.
    /// </summary>
    public static IReadOnlySet<string>? ExcludedTypesOf(CborMap assertion)
    {
        var types = new HashSet<string>();
        foreach (var item in assertion.List("exclusions"))
        {
            if (item is not CborMap exclusion || exclusion.Text("xpath") is not { } xpath) return null;
            if (xpath.Length != 5 || xpath[0] != '/') return null;
            if (exclusion["subset"] is not null || exclusion["length"] is not null || exclusion["version"] is not null || exclusion["flags"] is not null) return null;
            if (xpath == "/uuid")
            {
                var data = exclusion.List("data");
                if (data.Count != 1 || data[0] is not CborMap d || d["offset"] is not 8L || d.Bytes("value") is not { } value || !value.AsSpan().SequenceEqual(C2paUuidBytes))
                    return null;
            }
            else if (exclusion["data"] is not null) return null;
            types.Add(xpath[1..]);
        }
        return types.Contains("uuid") ? types : null;
    }
}
