using System.Security.Cryptography;

namespace Sora.Render.Provenance;

/// <summary>The digital source type C2PA uses for media created by a trained model (IPTC vocabulary).</summary>
public static class DigitalSourceTypes
{
    public const string TrainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
}

/// <summary>
/// An input a render used, which its manifest names as an ingredient: the remix source or the image of an
/// image-to-video. <paramref name="Path"/> is read to carry its own manifest, when it has one, into ours.
/// </summary>
public sealed record ProvenanceInput(string Path, string Format, string Title, string InstanceId);

/// <summary>
/// What a Sora manifest asserts: <c>c2pa.actions.v2</c> with one <c>c2pa.created</c> action (trainedAlgorithmicMedia,
/// the model as software agent) naming every input as its ingredient; a <c>c2pa.ingredient.v3</c> per input with
/// the relationship inputTo (an input to the generative model, C2PA 2.x); and <c>org.sora.consent</c> with the
/// digests of the consent receipts of every likeness the video shows. An input that carries its own manifest store
/// (a Sora video always does; an uploaded image may) keeps it: its manifests are copied into ours and the
/// ingredient points at its active manifest with our validation of it, so the lineage verifies end to end.
/// </summary>
public static class SoraAssertions
{
    public const string ConsentLabel = "org.sora.consent";
    public const string GeneratorName = "Sora";
    public const string GeneratorVersion = "1.0";

    /// <summary>The ingredient assertions of a render's inputs, with the manifests they bring: read and verified once,
    /// then shared by the video's manifest and the poster's.</summary>
    public sealed record Inputs(IReadOnlyList<C2paAssertion> Assertions, IReadOnlyList<CborMap> Links, IReadOnlyList<byte[]> Manifests);

    public static Inputs Read(IReadOnlyList<ProvenanceInput> inputs, ProvenanceVerifier verifier)
    {
        var assertions = new List<C2paAssertion>();
        var copied = new List<byte[]>();
        var seen = new HashSet<string>();
        var links = new List<CborMap>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var label = i == 0 ? "c2pa.ingredient.v3" : $"c2pa.ingredient.v3__{i}";
            var cbor = Cbor.Encode(Ingredient(inputs[i], verifier, copied, seen));
            assertions.Add(new C2paAssertion(label, cbor));
            links.Add(C2paManifestBuilder.HashedUri($"self#jumbf=c2pa.assertions/{label}", Jumbf.CborBox(label, cbor).AsSpan(8)));
        }
        return new Inputs(assertions, links, copied);
    }

    public static C2paManifestContent Content(string title, string softwareAgent, IReadOnlyList<string> receipts,
        IReadOnlyList<ProvenanceInput> inputs, ProvenanceVerifier verifier) =>
        Content(title, softwareAgent, receipts, Read(inputs, verifier));

    public static C2paManifestContent Content(string title, string softwareAgent, IReadOnlyList<string> receipts, Inputs inputs)
    {
        var created = new CborMap
        {
            { "action", "c2pa.created" },
            { "digitalSourceType", DigitalSourceTypes.TrainedAlgorithmicMedia },
            { "softwareAgent", new CborMap { { "name", softwareAgent } } },
        };
        if (inputs.Links.Count > 0) created.Add("parameters", new CborMap { { "ingredients", inputs.Links } });
        var assertions = new List<C2paAssertion> { new("c2pa.actions.v2", Cbor.Encode(new CborMap { { "actions", new List<object> { created } } })) };
        assertions.AddRange(inputs.Assertions);
        assertions.Add(new C2paAssertion(ConsentLabel, Cbor.Encode(new CborMap { { "alg", "sha256" }, { "receipts", receipts.ToList() } })));
        return new C2paManifestContent(C2paManifestBuilder.NewLabel(), title, $"xmp:iid:{Guid.NewGuid()}", GeneratorName, GeneratorVersion,
            assertions, inputs.Manifests);
    }

    private static CborMap Ingredient(ProvenanceInput input, ProvenanceVerifier verifier, List<byte[]> copied, HashSet<string> seen)
    {
        var ingredient = new CborMap
        {
            { "relationship", "inputTo" },
            { "dc:title", input.Title },
            { "dc:format", input.Format },
            { "instanceID", input.InstanceId },
        };
        var bytes = File.ReadAllBytes(input.Path);
        JumbfNode? store = null;
        try
        {
            var raw = input.Format == "video/mp4" ? C2paBmff.Extract(bytes) : C2paImage.Extract(bytes)?.Store;
            store = raw is null ? null : Jumbf.Parse(raw.Value);
        }
        catch (InvalidDataException)
        {
            // An input whose store cannot be read is still an ingredient: it just brings no manifest.
        }
        var manifests = store?.Children.Where(m => (m.Is(Jumbf.Manifest) || m.Is(Jumbf.UpdateManifest)) && m.WellFormed).ToList() ?? [];
        if (manifests.Count == 0)
        {
            ingredient.Add("description", "An input without a C2PA manifest.");
            return ingredient;
        }
        var report = verifier.Verify(bytes);
        foreach (var manifest in manifests.Where(m => seen.Add(m.Label!))) copied.Add(manifest.ToBox());
        var active = manifests[^1];
        var signature = active.Part(Jumbf.Signature, "c2pa.signature");
        ingredient.Add("activeManifest", C2paManifestBuilder.HashedUri($"self#jumbf=/c2pa/{active.Label}", active.Payload.Span));
        if (signature is not null)
            ingredient.Add("claimSignature", C2paManifestBuilder.HashedUri($"self#jumbf=/c2pa/{active.Label}/c2pa.signature", signature.Payload.Span));
        ingredient.Add("validationResults", new CborMap
        {
            { "activeManifest", new CborMap
                {
                    { "success", report.Successes.Select(Status).ToList() },
                    { "informational", new List<object>() },
                    { "failure", report.Failures.Select(Status).ToList() },
                }
            },
        });
        return ingredient;
    }

    private static CborMap Status(ProvenanceStatus s) => new() { { "code", s.Code }, { "url", s.Url }, { "explanation", s.Explanation } };

    /// <summary>The digest a video record keeps of its manifest (the active manifest's signature box).</summary>
    public static string ManifestDigest(byte[] signedFile)
    {
        var raw = Sora.Render.Provenance.C2paBmff.Extract(signedFile) ?? throw new InvalidDataException("No manifest.");
        var active = Jumbf.Parse(raw).Children[^1];
        return Convert.ToHexStringLower(SHA256.HashData(active.Payload.Span));
    }
}
