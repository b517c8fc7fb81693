using System.Security.Cryptography;

namespace Sora.Render.Provenance;

/// <summary>
/// The instance's signing key (ECDSA P-256). Configured as the base64 private scalar (Sora:Provenance:SigningKey,
/// generated once by ./sora into .sora/keys.env). The key id is a digest of the public key, so a verifier can tell
/// which instance signed.
/// </summary>
public sealed class ProvenanceKey : IDisposable
{
    public ProvenanceKey(byte[] privateScalar)
    {
        if (privateScalar.Length != 32) throw new ArgumentException("The provenance key is a 32-byte P-256 private scalar.");
        Key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateScalar });
        KeyId = "sora:" + Convert.ToHexStringLower(SHA256.HashData(Key.ExportSubjectPublicKeyInfo()))[..16];
    }

    public ECDsa Key { get; }
    public string KeyId { get; }

    public static ProvenanceKey FromBase64(string value) => new(Convert.FromBase64String(value));

    public void Dispose() => Key.Dispose();
}
