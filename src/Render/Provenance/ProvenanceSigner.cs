using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sora.Render.Provenance;

/// <summary>
/// What signs every manifest: the instance's P-256 key (<see cref="ProvenanceKey"/>) and the certificate chain that
/// names it. The instance is its own certificate authority: once, beside the other keys, it makes a CA (its private
/// key stays in that directory, mode 600) and a leaf for the signing key, following the C2PA certificate profile
/// (v3, ECDSA with SHA-256, end entity with digitalSignature only and cA false, EKU id-kp-documentSigning, AKI and
/// SKI). Readers elsewhere do not know this CA until someone adds it as a trust anchor (docs/render.md), so they
/// report signingCredential.untrusted and nothing else; this instance trusts itself.
/// </summary>
public sealed class ProvenanceSigner : IDisposable
{
    public const string DocumentSigning = "1.3.6.1.5.5.7.3.36";
    private const string CaFile = "ca.pem", CaKeyFile = "ca.key.pem", LeafFile = "signer.pem";

    private ProvenanceSigner(ProvenanceKey key, X509Certificate2 leaf, X509Certificate2 authority)
    {
        Key = key;
        Leaf = leaf;
        Authority = authority;
    }

    public ProvenanceKey Key { get; }
    public X509Certificate2 Leaf { get; }
    public X509Certificate2 Authority { get; }

    /// <summary>The x5chain: leaf first, then the CA (a reader given the CA as an anchor can build the path from it).</summary>
    public IReadOnlyList<byte[]> Chain => [Leaf.RawData, Authority.RawData];

    /// <summary>The PEM of the instance CA, to hand to readers that should trust this instance.</summary>
    public string AuthorityPem => Authority.ExportCertificatePem();

    /// <summary>
    /// Loads the CA and the leaf from <paramref name="directory"/>, making what is missing. A leaf for another key
    /// (the signing key was rotated) or one expiring within 30 days is issued again by the same CA, so files signed
    /// before stay verifiable under the same anchor. Two processes starting at once write through a temporary
    /// file and a move that refuses to overwrite; the loser reads what the winner wrote.
    /// </summary>
    public static ProvenanceSigner LoadOrCreate(string directory, ProvenanceKey key, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        Directory.CreateDirectory(directory);
        // The CA's certificate and key travel in one file, created atomically, so no process ever sees half of it;
        // ca.pem is the public copy to hand to readers.
        var caKeyPath = Path.Combine(directory, CaKeyFile);
        if (!File.Exists(caKeyPath)) CreateAuthority(caKeyPath, key, now);
        var authority = X509Certificate2.CreateFromPemFile(caKeyPath);
        var caPath = Path.Combine(directory, CaFile);
        if (!File.Exists(caPath)) WriteReplacing(caPath, authority.ExportCertificatePem());

        var leafPath = Path.Combine(directory, LeafFile);
        X509Certificate2? leaf = File.Exists(leafPath) ? X509CertificateLoader.LoadCertificateFromFile(leafPath) : null;
        if (leaf is null || !SameKey(leaf, key) || leaf.NotAfter.ToUniversalTime() < now.UtcDateTime.AddDays(30) || leaf.Issuer != authority.Subject)
        {
            leaf?.Dispose();
            leaf = Issue(authority, key, now);
            WriteReplacing(leafPath, leaf.ExportCertificatePem());
        }
        return new ProvenanceSigner(key, leaf, authority);
    }

    private static bool SameKey(X509Certificate2 leaf, ProvenanceKey key)
    {
        using var pub = leaf.GetECDsaPublicKey();
        return pub is not null && pub.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.Key.ExportSubjectPublicKeyInfo());
    }

    private static void CreateAuthority(string path, ProvenanceKey key, DateTimeOffset now)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Sora provenance CA {key.KeyId}, O=Sora instance", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(20));
        TryWriteNew(path, ca.ExportCertificatePem() + "\n" + caKey.ExportPkcs8PrivateKeyPem(), secret: true);
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, ProvenanceKey key, DateTimeOffset now)
    {
        var request = new CertificateRequest($"CN=Sora render signer {key.KeyId}, O=Sora instance", key.Key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(DocumentSigning)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var notAfter = new[] { now.AddYears(2), new DateTimeOffset(authority.NotAfter.ToUniversalTime()) }.Min();
        return request.Create(authority, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
    }

    private static bool TryWriteNew(string path, string text, bool secret = false)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, text);
        if (secret && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }
    }

    private static void WriteReplacing(string path, string text)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    public void Dispose()
    {
        Leaf.Dispose();
        Authority.Dispose();
    }
}
