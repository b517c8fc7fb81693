using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Sora.Render.Provenance;

/// <summary>
/// Validates a file's C2PA manifest store the way the official reader (c2pa-rs) does, for the parts Sora writes and
/// reads: the active manifest's claim signature (COSE_Sign1 with its x5chain), the signer's certificate profile and
/// trust (chained to a configured anchor), every hashed URI to an assertion, the hard binding (BMFF or data hash),
/// and each ingredient's manifest (its hash, then its own signature and assertions). Statuses carry the
/// specification's codes; the state follows the reader: any failure but an untrusted signer makes it Invalid.
/// Everything is bounded by the parsers (depth, sizes, counts), and nothing here throws on a hostile file.
/// </summary>
public sealed class ProvenanceVerifier(IReadOnlyList<X509Certificate2> anchors, TimeProvider? clock = null)
{
    private const int MaxIngredientDepth = 8;
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public IReadOnlyList<X509Certificate2> Anchors => anchors;

    public static ProvenanceVerifier Trusting(ProvenanceSigner signer, IEnumerable<X509Certificate2>? more = null) =>
        new([signer.Authority, .. more ?? []]);

    public ProvenanceReport Verify(byte[] file)
    {
        try
        {
            if (IsMp4(file))
            {
                var store = C2paBmff.Extract(file);
                return store is null ? ProvenanceReport.Missing("The file carries no C2PA manifest.") : Verify(store.Value, file, AssetKind.Bmff, []);
            }
            var image = C2paImage.Extract(file);
            return image is null
                ? ProvenanceReport.Missing("The file carries no C2PA manifest.")
                : Verify(image.Value.Store, file, AssetKind.Image, image.Value.Ranges);
        }
        catch (InvalidDataException e)
        {
            return Malformed("manifest.inaccessible", null, $"The file or its manifest store is malformed: {e.Message}");
        }
    }

    private enum AssetKind { Bmff, Image }

    private ProvenanceReport Verify(ReadOnlyMemory<byte> storeBytes, byte[] file, AssetKind kind, IReadOnlyList<(long Start, long Length)> storeRanges)
    {
        JumbfNode store;
        try
        {
            store = Jumbf.Parse(storeBytes);
        }
        catch (InvalidDataException e)
        {
            return Malformed("claim.malformed", null, $"The manifest store is not valid JUMBF: {e.Message}");
        }
        if (!store.Is(Jumbf.Store)) return Malformed("claim.malformed", null, "The JUMBF is not a C2PA manifest store.");
        if (!store.WellFormed || store.Label != "c2pa") return Malformed("claim.malformed", null, "The manifest store's description is malformed.");
        var manifests = store.Children.Where(m => (m.Is(Jumbf.Manifest) || m.Is(Jumbf.UpdateManifest)) && m.WellFormed).ToList();
        if (manifests.Count == 0) return Malformed("claim.missing", null, "The manifest store holds no manifest.");
        var byLabel = manifests.Where(m => m.Label is not null).GroupBy(m => m.Label!).ToDictionary(g => g.Key, g => g.First());
        var active = manifests[^1];

        var log = new Log();
        var claim = VerifyClaim(active, log, out var signerCert);
        if (claim is null) return log.Report(active.Label, signerCert, null, [], [], []);

        // The hard binding: exactly one, and it must match the file as it is now.
        var assertions = active.Part(Jumbf.AssertionStore, "c2pa.assertions");
        var bindings = (assertions?.Children ?? []).Where(a => a.Label is { } l && (l.StartsWith("c2pa.hash.bmff") || l.StartsWith("c2pa.hash.data"))).ToList();
        var bindingUrl = bindings.Count == 1 ? Url(active.Label, bindings[0].Label!) : null;
        if (bindings.Count == 0) log.Fail("claim.hardBindings.missing", null, "The claim has no hard binding to the asset.");
        else if (bindings.Count > 1) log.Fail("assertion.multipleHardBindings", null, "The claim has more than one hard binding.");
        else if (bindings[0].Content("cbor") is not { } bindingCbor) log.Fail("assertion.cbor.invalid", bindingUrl, "The hard binding has no CBOR.");
        else VerifyBinding(bindings[0].Label!, Cbor.DecodeMap(bindingCbor), file, kind, storeRanges, bindingUrl, log);

        var ingredients = new List<ProvenanceIngredient>();
        var byUrl = new Dictionary<string, string>();
        foreach (var box in (assertions?.Children ?? []).Where(a => a.Label?.StartsWith("c2pa.ingredient") == true))
        {
            var ingredient = Ingredient(box, active.Label!, byLabel, log, 1);
            if (ingredient is null) continue;
            ingredients.Add(ingredient);
            byUrl[$"self#jumbf=c2pa.assertions/{box.Label}"] = ingredient.InstanceId ?? ingredient.Title ?? box.Label!;
            byUrl[Url(active.Label, box.Label!)] = byUrl[$"self#jumbf=c2pa.assertions/{box.Label}"];
        }
        var actions = Actions(assertions, byUrl);
        var receipts = CborOf(assertions, SoraAssertions.ConsentLabel)?.List("receipts").OfType<string>().ToList() ?? [];
        return log.Report(active.Label, signerCert, claim.Text("dc:title"), actions, ingredients, receipts);
    }

    /// <summary>Checks a manifest's claim: present and CBOR, signature over it, signer's profile and trust, every hashed URI.</summary>
    private CborMap? VerifyClaim(JumbfNode manifest, Log log, out X509Certificate2? signerCert)
    {
        signerCert = null;
        var claimBox = manifest.Part(Jumbf.Claim, "c2pa.claim.v2") ?? manifest.Part(Jumbf.Claim, "c2pa.claim");
        if (claimBox?.Content("cbor") is not { } claimBytes)
        {
            log.Fail("claim.missing", manifest.Label, "The manifest has no claim.");
            return null;
        }
        CborMap claim;
        try
        {
            claim = Cbor.DecodeMap(claimBytes);
        }
        catch (InvalidDataException)
        {
            log.Fail("claim.cbor.invalid", manifest.Label, "The claim is not valid CBOR.");
            return null;
        }

        var sigUrl = $"self#jumbf=/c2pa/{manifest.Label}/c2pa.signature";
        var sigBox = manifest.Part(Jumbf.Signature, "c2pa.signature");
        // The claim names its own signature box: a claim moved under another manifest's label no longer finds it.
        var named = claim.Text("signature");
        if (named != sigUrl && named != "self#jumbf=c2pa.signature") sigBox = null;
        if (sigBox?.Content("cbor") is not { } cose)
        {
            log.Fail("claimSignature.missing", sigUrl, "The claim is not signed.");
            return claim;
        }
        try
        {
            var message = CoseMessage.DecodeSign1(cose.ToArray());
            var chain = CertificateChain(message);
            if (chain.Count == 0)
            {
                log.Fail("signingCredential.invalid", sigUrl, "The signature carries no certificate.");
                return claim;
            }
            signerCert = chain[0];
            using var key = (AsymmetricAlgorithm?)signerCert.GetECDsaPublicKey() ?? signerCert.GetRSAPublicKey();
            if (key is null) log.Fail("algorithm.unsupported", sigUrl, "The signing key is neither ECDSA nor RSA.");
            else if (message.VerifyDetached(key, claimBytes.Span)) log.Pass("claimSignature.validated", sigUrl, "The claim signature is valid.");
            else log.Fail("claimSignature.mismatch", sigUrl, "The claim signature does not match the claim.");

            var now = clock.GetUtcNow().UtcDateTime;
            if (now < signerCert.NotBefore.ToUniversalTime() || now > signerCert.NotAfter.ToUniversalTime())
                log.Fail("signingCredential.expired", sigUrl, "The signing certificate is outside its validity period.");
            else if (!ProfileHolds(signerCert)) log.Fail("signingCredential.invalid", sigUrl, "The signing certificate does not follow the C2PA profile.");
            else if (Trusted(chain)) log.Pass("signingCredential.trusted", sigUrl, "The signing credential is trusted.");
            else log.Fail("signingCredential.untrusted", sigUrl, "The signing credential is not on this verifier's trust list.");
        }
        catch (Exception e) when (e is CryptographicException or InvalidOperationException or ArgumentException)
        {
            log.Fail("claimSignature.mismatch", sigUrl, "The claim signature could not be read.");
        }

        var assertions = manifest.Part(Jumbf.AssertionStore, "c2pa.assertions");
        var alg = claim.Text("alg") ?? C2paManifestBuilder.Alg;
        var links = claim.List("created_assertions").Concat(claim.List("gathered_assertions")).Concat(claim.List("assertions")).OfType<CborMap>();
        foreach (var link in links)
        {
            var url = link.Text("url") ?? "";
            var label = AssertionLabel(url, manifest.Label);
            var box = label is null ? null : assertions?.Child(label);
            if (box is null)
            {
                log.Fail("assertion.missing", url, "A hashed URI names an assertion the manifest does not hold.");
                continue;
            }
            if (link.Bytes("hash") is { } expected && HashOf(link.Text("alg") ?? alg, box.Payload.Span) is { } actual && actual.AsSpan().SequenceEqual(expected))
                log.Pass("assertion.hashedURI.match", url, "The assertion matches its hash.");
            else log.Fail("assertion.hashedURI.mismatch", url, "The assertion does not match its hash.");
        }
        return claim;
    }

    private static void VerifyBinding(string label, CborMap binding, byte[] file, AssetKind kind, IReadOnlyList<(long Start, long Length)> storeRanges, string? url, Log log)
    {
        var expected = binding.Bytes("hash");
        if (label.StartsWith("c2pa.hash.bmff"))
        {
            var excluded = C2paBmff.ExcludedTypesOf(binding);
            if (kind != AssetKind.Bmff || excluded is null || expected is null || binding["merkle"] is not null)
            {
                log.Fail("assertion.bmffHash.malformed", url, "The BMFF hash asks for exclusions or a merkle tree this verifier does not apply.");
                return;
            }
            if (C2paBmff.Hash(file, excluded).AsSpan().SequenceEqual(expected)) log.Pass("assertion.bmffHash.match", url, "The media matches its BMFF hash.");
            else log.Fail("assertion.bmffHash.mismatch", url, "The media does not match its BMFF hash: it was changed after signing.");
            return;
        }
        var exclusions = binding.List("exclusions").OfType<CborMap>().Select(e => (Start: e["start"] as long? ?? -1, Length: e["length"] as long? ?? -1)).ToList();
        if (kind != AssetKind.Image || expected is null || exclusions.Any(e => e.Start < 0 || e.Length < 0))
        {
            log.Fail("assertion.dataHash.malformed", url, "The data hash is malformed.");
            return;
        }
        // The manifest's own bytes must be excluded, or a changed manifest could hide behind the hash.
        var covered = storeRanges.All(r => exclusions.Any(e => e.Start <= r.Start && e.Start + e.Length >= r.Start + r.Length));
        byte[] actual;
        try
        {
            actual = C2paImage.Hash(file, exclusions);
        }
        catch (InvalidDataException)
        {
            log.Fail("assertion.dataHash.malformed", url, "The data hash's exclusions overrun the file.");
            return;
        }
        if (covered && actual.AsSpan().SequenceEqual(expected)) log.Pass("assertion.dataHash.match", url, "The image matches its data hash.");
        else log.Fail("assertion.dataHash.mismatch", url, "The image does not match its data hash: it was changed after signing.");
    }

    private ProvenanceIngredient? Ingredient(JumbfNode box, string parentLabel, Dictionary<string, JumbfNode> manifests, Log log, int depth)
    {
        if (box.Content("cbor") is not { } cbor) return null;
        CborMap ingredient;
        try
        {
            ingredient = Cbor.DecodeMap(cbor);
        }
        catch (InvalidDataException)
        {
            log.Fail("assertion.cbor.invalid", Url(parentLabel, box.Label!), "An ingredient is not valid CBOR.");
            return null;
        }
        var link = ingredient.Map("activeManifest") ?? ingredient.Map("c2pa_manifest");
        string? label = null;
        var state = ProvenanceState.Absent;
        if (link?.Text("url") is { } url)
        {
            label = ManifestLabel(url);
            if (label is null || !manifests.TryGetValue(label, out var manifest))
            {
                log.Fail("ingredient.manifest.missing", url, "An ingredient's manifest is not in the store.");
                state = ProvenanceState.Invalid;
            }
            else if (link.Bytes("hash") is not { } expected || HashOf(link.Text("alg") ?? C2paManifestBuilder.Alg, manifest.Payload.Span) is not { } actual
                     || !actual.AsSpan().SequenceEqual(expected))
            {
                log.Fail("ingredient.manifest.mismatch", url, "An ingredient's manifest does not match its hash.");
                state = ProvenanceState.Invalid;
            }
            else
            {
                log.Pass("ingredient.manifest.validated", url, "The ingredient's manifest matches its hash.");
                // The ingredient's own claim, signature and assertions (its asset is not here, so no hard binding).
                var inner = new Log();
                if (depth < MaxIngredientDepth) VerifyClaim(manifest, inner, out _);
                state = inner.State;
            }
        }
        return new ProvenanceIngredient(ingredient.Text("relationship") ?? "componentOf", ingredient.Text("dc:title"), ingredient.Text("dc:format"),
            ingredient.Text("instanceID"), label, state);
    }

    private static IReadOnlyList<ProvenanceAction> Actions(JumbfNode? assertions, Dictionary<string, string> ingredients)
    {
        var actions = CborOf(assertions, "c2pa.actions.v2") ?? CborOf(assertions, "c2pa.actions");
        return actions?.List("actions").OfType<CborMap>().Select(a => new ProvenanceAction(
            a.Text("action") ?? "",
            a.Text("digitalSourceType"),
            a["softwareAgent"] switch { string s => s, CborMap m => m.Text("name"), _ => null },
            (a.Map("parameters")?.List("ingredients") ?? []).OfType<CborMap>().Select(i => i.Text("url") is { } u && ingredients.TryGetValue(u, out var name) ? name : null)
                .OfType<string>().ToList())).ToList() ?? [];
    }

    private static CborMap? CborOf(JumbfNode? assertions, string label)
    {
        try
        {
            return assertions?.Child(label)?.Content("cbor") is { } cbor ? Cbor.DecodeMap(cbor) : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static List<X509Certificate2> CertificateChain(CoseSign1Message message)
    {
        var label = new CoseHeaderLabel(33);
        if (!message.ProtectedHeaders.TryGetValue(label, out var value) && !message.UnprotectedHeaders.TryGetValue(label, out value)) return [];
        var decoded = Cbor.Decode(value.EncodedValue);
        var ders = decoded switch { byte[] one => [one], List<object?> many => many.OfType<byte[]>().ToList(), _ => new List<byte[]>() };
        return ders.Take(10).Select(d => X509CertificateLoader.LoadCertificate(d)).ToList();
    }

    /// <summary>The end-entity profile C2PA asks for: v3, not a CA, a signing key usage, an allowed EKU and no anyExtendedKeyUsage.</summary>
    private static bool ProfileHolds(X509Certificate2 cert)
    {
        if (cert.Version != 3) return false;
        var constraints = cert.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is { CertificateAuthority: true }) return false;
        var usage = cert.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is null || (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0) return false;
        if ((usage.KeyUsages & X509KeyUsageFlags.KeyCertSign) != 0) return false;
        var eku = cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is null) return false;
        var oids = eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToHashSet();
        return !oids.Contains("2.5.29.37.0") && oids.Overlaps(AllowedEkus);
    }

    private static readonly string[] AllowedEkus =
        ["1.3.6.1.5.5.7.3.4", ProvenanceSigner.DocumentSigning, "1.3.6.1.4.1.311.76.59.1.9", "1.3.6.1.4.1.62558.2.1"];

    private bool Trusted(List<X509Certificate2> chain)
    {
        if (anchors.Count == 0) return false;
        using var builder = new X509Chain();
        builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        builder.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        builder.ChainPolicy.VerificationTime = clock.GetUtcNow().UtcDateTime;
        builder.ChainPolicy.CustomTrustStore.AddRange(anchors.ToArray());
        builder.ChainPolicy.ExtraStore.AddRange(chain.Skip(1).ToArray());
        return builder.Build(chain[0]);
    }

    private static byte[]? HashOf(string alg, ReadOnlySpan<byte> data) => alg switch
    {
        "sha256" => SHA256.HashData(data),
        "sha384" => SHA384.HashData(data),
        "sha512" => SHA512.HashData(data),
        _ => null,
    };

    private static string? AssertionLabel(string url, string? manifest)
    {
        const string prefix = "self#jumbf=";
        if (!url.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var path = url[prefix.Length..];
        if (path.StartsWith("/c2pa/", StringComparison.Ordinal))
        {
            var parts = path.Split('/');
            if (parts.Length != 5 || parts[2] != manifest) return null;
            path = parts[3] + "/" + parts[4];
        }
        return path.StartsWith("c2pa.assertions/", StringComparison.Ordinal) ? path["c2pa.assertions/".Length..] : null;
    }

    private static string? ManifestLabel(string url)
    {
        const string prefix = "self#jumbf=/c2pa/";
        if (!url.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = url[prefix.Length..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? rest : rest[..slash];
    }

    private static string Url(string? manifest, string assertion) => $"self#jumbf=/c2pa/{manifest}/c2pa.assertions/{assertion}";

    private static bool IsMp4(byte[] file) => file.Length >= 12 && Encoding.ASCII.GetString(file, 4, 4) == "ftyp";

    private static ProvenanceReport Malformed(string code, string? url, string why)
    {
        var log = new Log();
        log.Fail(code, url, why);
        return log.Report(null, null, null, [], [], []);
    }

    private sealed class Log
    {
        public List<ProvenanceStatus> Failures { get; } = [];
        public List<ProvenanceStatus> Successes { get; } = [];
        public void Fail(string code, string? url, string why) => Failures.Add(new(code, url, why));
        public void Pass(string code, string? url, string why) => Successes.Add(new(code, url, why));

        public ProvenanceState State =>
            Failures.Any(f => f.Code != "signingCredential.untrusted") ? ProvenanceState.Invalid
            : Failures.Count > 0 ? ProvenanceState.Valid : ProvenanceState.Trusted;

        public ProvenanceReport Report(string? active, X509Certificate2? signer, string? title, IReadOnlyList<ProvenanceAction> actions,
            IReadOnlyList<ProvenanceIngredient> ingredients, IReadOnlyList<string> receipts) =>
            new(State, active, signer?.GetNameInfo(X509NameType.SimpleName, false), signer?.GetNameInfo(X509NameType.SimpleName, true), title,
                actions, ingredients, receipts, Failures, Successes);
    }
}
