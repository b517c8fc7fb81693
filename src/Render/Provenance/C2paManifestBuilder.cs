using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;

namespace Sora.Render.Provenance;

/// <summary>One assertion of a manifest: its label (c2pa.actions.v2, c2pa.ingredient.v3, ...) and its CBOR.</summary>
public sealed record C2paAssertion(string Label, byte[] Cbor);

/// <summary>What a manifest says, apart from its hard binding (which the embedder adds for the asset's format).</summary>
public sealed record C2paManifestContent(
    string Label, string Title, string InstanceId, string GeneratorName, string GeneratorVersion,
    IReadOnlyList<C2paAssertion> Assertions, IReadOnlyList<byte[]> IngredientManifests);

/// <summary>
/// Writes a C2PA manifest store (C2PA 2.x): a claim v2 in CBOR whose created_assertions are hashed URIs to every
/// assertion, signed with COSE_Sign1 (ES256, detached payload, the x5chain in the protected header), in JUMBF.
/// Ingredient manifests (an input's own store) come first and are copied byte for byte, so their hashes and
/// signatures still verify; the new manifest is last, which makes it the active one.
/// </summary>
public static class C2paManifestBuilder
{
    public const string Alg = "sha256";
    private static readonly CoseHeaderLabel X5Chain = new(33);

    public static string NewLabel() => $"urn:c2pa:{Guid.NewGuid()}";

    public static byte[] BuildStore(C2paManifestContent content, C2paAssertion hardBinding, ProvenanceSigner signer)
    {
        var manifest = BuildManifest(content, hardBinding, signer);
        return Jumbf.Superbox(Jumbf.Store, "c2pa", content.IngredientManifests.Append(manifest));
    }

    private static byte[] BuildManifest(C2paManifestContent content, C2paAssertion hardBinding, ProvenanceSigner signer)
    {
        var assertions = content.Assertions.Append(hardBinding).ToList();
        var boxes = assertions.Select(a => Jumbf.CborBox(a.Label, a.Cbor)).ToList();
        var created = assertions.Zip(boxes, (a, box) => new CborMap
        {
            { "url", $"self#jumbf=c2pa.assertions/{a.Label}" },
            { "hash", SHA256.HashData(box.AsSpan(8)) },
        }).ToList();
        var claim = Cbor.Encode(new CborMap
        {
            { "instanceID", content.InstanceId },
            { "claim_generator_info", new CborMap { { "name", content.GeneratorName }, { "version", content.GeneratorVersion } } },
            { "signature", $"self#jumbf=/c2pa/{content.Label}/c2pa.signature" },
            { "created_assertions", created },
            { "dc:title", content.Title },
            { "alg", Alg },
        });
        return Jumbf.Superbox(Jumbf.Manifest, content.Label,
            Jumbf.Superbox(Jumbf.AssertionStore, "c2pa.assertions", boxes),
            Jumbf.Superbox(Jumbf.Claim, "c2pa.claim.v2", Jumbf.Box("cbor", claim)),
            Jumbf.Superbox(Jumbf.Signature, "c2pa.signature", Jumbf.Box("cbor", Sign(claim, signer))));
    }

    /// <summary>COSE_Sign1 over the claim bytes, payload detached (the claim box holds it), tagged 18 as C2PA requires.</summary>
    private static byte[] Sign(byte[] claim, ProvenanceSigner signer)
    {
        var chain = new CborWriter();
        chain.WriteStartArray(signer.Chain.Count);
        foreach (var cert in signer.Chain) chain.WriteByteString(cert);
        chain.WriteEndArray();
        var protectedHeaders = new CoseHeaderMap { { X5Chain, CoseHeaderValue.FromEncodedValue(chain.Encode()) } };
        return CoseSign1Message.SignDetached(claim, new CoseSigner(signer.Key.Key, HashAlgorithmName.SHA256, protectedHeaders));
    }

    /// <summary>A hashed URI to a box in this store (an ingredient's manifest or its signature).</summary>
    public static CborMap HashedUri(string url, ReadOnlySpan<byte> payload) => new() { { "url", url }, { "hash", SHA256.HashData(payload) } };
}
