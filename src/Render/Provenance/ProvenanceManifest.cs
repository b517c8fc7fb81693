using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Text;
using System.Text.Json;

namespace Sora.Render.Provenance;

/// <summary>What the verifier found.</summary>
public sealed record ProvenanceReport(bool Valid, string? Signer, IReadOnlyList<ProvenanceAction> Actions, IReadOnlyList<string> Receipts, string? Problem)
{
    public static ProvenanceReport Invalid(string problem, string? signer = null) => new(false, signer, [], [], problem);
}

/// <summary>
/// Embeds and verifies the manifest: a top-level <c>uuid</c> box with the C2PA UUID, placed right after
/// <c>ftyp</c> and before <c>moov</c>, holding a COSE_Sign1 (ES256) over the claim JSON. Box layout:
/// size, "uuid", the 16-byte UUID, "sora-c2pa\0", a 4-byte length, the COSE bytes (nothing after them).
/// </summary>
public static class ProvenanceManifest
{
    public static readonly Guid C2paUuid = Guid.Parse("d8fec3d6-1b0e-483c-9297-5828877ec481");
    private static readonly byte[] Purpose = "sora-c2pa\0"u8.ToArray();
    private static readonly CoseHeaderLabel KidLabel = new(4);

    /// <summary>Returns the file with the manifest box inserted, and the SHA-256 of the manifest's COSE bytes.</summary>
    public static (byte[] File, string ManifestSha256) Embed(byte[] mp4, ProvenanceKey key, Func<IReadOnlyList<BoxHash>, ProvenanceClaim> claimFor)
    {
        var boxes = Mp4Boxes.TopLevel(mp4);
        if (boxes.Count < 2 || boxes[0].Type != "ftyp") throw new InvalidDataException("Expected an MP4 starting with ftyp.");
        if (boxes.Any(b => b.UserType == C2paUuid)) throw new InvalidDataException("The file already carries a manifest.");
        var moovIndex = boxes.FindIndex(b => b.Type == "moov");
        var mdatIndex = boxes.FindIndex(b => b.Type == "mdat");
        if (moovIndex < 0 || mdatIndex < moovIndex) throw new InvalidDataException("Expected moov before mdat (faststart).");

        // The box size does not depend on the hash values (fixed-length hex; ES256 signatures are 64 bytes), so a
        // claim over placeholder hashes sizes it. Should the real claim still differ in length, size again.
        var placeholder = boxes.Select(b => new BoxHash(b.Type, new string('0', 64))).ToList();
        var boxSize = BuildBox(Sign(claimFor(placeholder), key)).Length;
        for (var attempt = 0; ; attempt++)
        {
            var (file, manifest, size) = Assemble(mp4, boxes, boxSize, key, claimFor);
            if (size == boxSize) return (file, manifest);
            if (attempt == 3) throw new InvalidOperationException("The manifest size does not settle.");
            boxSize = size;
        }
    }

    private static (byte[] File, string ManifestSha256, int Size) Assemble(byte[] mp4, List<Mp4Box> boxes, int boxSize, ProvenanceKey key,
        Func<IReadOnlyList<BoxHash>, ProvenanceClaim> claimFor)
    {

        var rest = new List<byte[]>();
        foreach (var box in boxes.Skip(1))
        {
            var bytes = mp4.AsSpan((int)box.Offset, (int)box.Size).ToArray();
            if (box.Type == "moov") Mp4Boxes.ShiftChunkOffsets(bytes, boxSize);
            rest.Add(bytes);
        }
        var ftyp = mp4.AsSpan(0, (int)boxes[0].Size).ToArray();
        var hashes = new List<BoxHash> { new("ftyp", Hash(ftyp)) };
        hashes.AddRange(boxes.Skip(1).Zip(rest, (b, bytes) => new BoxHash(b.Type, Hash(bytes))));
        var cose = Sign(claimFor(hashes), key);
        var manifest = BuildBox(cose);
        if (manifest.Length != boxSize) return ([], "", manifest.Length);

        using var output = new MemoryStream(mp4.Length + manifest.Length);
        output.Write(ftyp);
        output.Write(manifest);
        foreach (var bytes in rest) output.Write(bytes);
        return (output.ToArray(), Hash(cose), boxSize);
    }

    public static ProvenanceReport Verify(byte[] file, IReadOnlyDictionary<string, ECDsa> trustedKeys)
    {
        List<Mp4Box> boxes;
        try
        {
            boxes = Mp4Boxes.TopLevel(file);
        }
        catch (InvalidDataException e)
        {
            return ProvenanceReport.Invalid($"Not a well-formed MP4: {e.Message}");
        }
        var manifests = boxes.Where(b => b.UserType == C2paUuid).ToList();
        if (manifests.Count != 1) return ProvenanceReport.Invalid(manifests.Count == 0 ? "No manifest." : "More than one manifest.");
        var manifestBox = manifests[0];
        var moov = boxes.FindIndex(b => b.Type == "moov");
        if (boxes.IndexOf(manifestBox) > moov) return ProvenanceReport.Invalid("The manifest is not before moov.");

        CoseSign1Message message;
        try
        {
            var payload = file.AsSpan((int)manifestBox.Offset + 24, (int)manifestBox.Size - 24);
            if (!payload.StartsWith(Purpose)) return ProvenanceReport.Invalid("Unknown manifest format.");
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(payload[Purpose.Length..]);
            if (Purpose.Length + 4 + length != payload.Length) return ProvenanceReport.Invalid("The manifest is damaged.");
            message = CoseMessage.DecodeSign1(payload.Slice(Purpose.Length + 4, length).ToArray());
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IndexOutOfRangeException)
        {
            return ProvenanceReport.Invalid("The manifest is damaged.");
        }

        var signer = message.ProtectedHeaders.TryGetValue(KidLabel, out var kid) ? Encoding.UTF8.GetString(kid.GetValueAsBytes()) : null;
        if (signer is null || !trustedKeys.TryGetValue(signer, out var key)) return ProvenanceReport.Invalid("Unknown signer.", signer);
        if (!message.VerifyEmbedded(key)) return ProvenanceReport.Invalid("The signature does not match the claim.", signer);

        var claim = JsonSerializer.Deserialize<ProvenanceClaim>(message.Content!.Value.Span)!;
        var actual = boxes.Where(b => b != manifestBox).Select(b => new BoxHash(b.Type, Hash(file.AsSpan((int)b.Offset, (int)b.Size)))).ToList();
        if (!actual.SequenceEqual(claim.Boxes)) return ProvenanceReport.Invalid("The media does not match the signed claim.", signer);
        return new ProvenanceReport(true, signer, claim.Actions, claim.ConsentReceipts, null);
    }

    private static byte[] Sign(ProvenanceClaim claim, ProvenanceKey key)
    {
        var headers = new CoseHeaderMap { { KidLabel, CoseHeaderValue.FromBytes(Encoding.UTF8.GetBytes(key.KeyId)) } };
        var signer = new CoseSigner(key.Key, HashAlgorithmName.SHA256, headers);
        return CoseSign1Message.SignEmbedded(JsonSerializer.SerializeToUtf8Bytes(claim), signer);
    }

    private static byte[] BuildBox(byte[] cose)
    {
        var size = 8 + 16 + Purpose.Length + 4 + cose.Length;
        var box = new byte[size];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)size);
        "uuid"u8.CopyTo(box.AsSpan(4));
        C2paUuid.TryWriteBytes(box.AsSpan(8), bigEndian: true, out _);
        Purpose.CopyTo(box.AsSpan(24));
        BinaryPrimitives.WriteUInt32BigEndian(box.AsSpan(24 + Purpose.Length), (uint)cose.Length);
        cose.CopyTo(box.AsSpan(28 + Purpose.Length));
        return box;
    }

    private static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
