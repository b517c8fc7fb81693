using Sora.Render.Provenance;
using Xunit;

namespace Sora.Render.Tests.Generations;

/// <summary>
/// The verifier on hostile and foreign manifests, without a render: a JPEG signed the way posters are. It never
/// throws, never calls a damaged store trusted, and tells an unknown signer from a broken file.
/// </summary>
[Collection("render")]
public sealed class ProvenanceVerifierTests(RenderFixture fixture)
{
    private byte[] Signed(string title = "a still") =>
        C2paImage.SignJpeg(File.ReadAllBytes(Fixtures.Path("media/landscape-dock.jpg")),
            SoraAssertions.Content(title, "test", ["aa"], [], fixture.Verifier), fixture.Signer);

    [Fact]
    public void Any_damage_inside_the_store_is_never_trusted_and_never_throws()
    {
        var signed = Signed();
        var (store, ranges) = C2paImage.Extract(signed)!.Value;
        Assert.Equal(ProvenanceState.Trusted, fixture.Verifier.Verify(signed).State);
        var (start, length) = Assert.Single(ranges);
        var random = new Random(18);
        for (var i = 0; i < 300; i++)
        {
            var damaged = (byte[])signed.Clone();
            // Past the segment's own header (marker, length, JPEG XT fields), inside the store itself.
            var at = (int)start + 12 + random.Next((int)length - 12);
            damaged[at] ^= (byte)(1 << random.Next(8));
            var report = fixture.Verifier.Verify(damaged);
            Assert.NotEqual(ProvenanceState.Trusted, report.State);
            Assert.NotEmpty(report.Failures);
        }
        // Truncated anywhere, or cut off after the marker: an answer, never an exception.
        for (var cut = 0; cut < signed.Length; cut += 997)
            Assert.NotEqual(ProvenanceState.Trusted, fixture.Verifier.Verify(signed[..cut]).State);
        Assert.Equal(store.Length, C2paImage.Extract(signed)!.Value.Store.Length);
    }

    [Fact]
    public void A_foreign_signer_is_untrusted_but_intact_and_an_input_signed_by_it_keeps_that_verdict()
    {
        using var otherKey = new ProvenanceKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var directory = Directory.CreateTempSubdirectory("sora-test-other-instance-").FullName;
        try
        {
            using var other = ProvenanceSigner.LoadOrCreate(directory, otherKey);
            var foreign = C2paImage.SignJpeg(File.ReadAllBytes(Fixtures.Path("media/landscape-lake.jpg")),
                SoraAssertions.Content("another instance's still", "elsewhere", [], [], ProvenanceVerifier.Trusting(other)), other);
            var report = fixture.Verifier.Verify(foreign);
            Assert.Equal((ProvenanceState.Valid, "signingCredential.untrusted"), (report.State, Assert.Single(report.Failures).Code));
            Assert.Equal(ProvenanceState.Trusted, ProvenanceVerifier.Trusting(other).Verify(foreign).State);
            // Given as a trust anchor, the other instance is trusted here too (Sora:Provenance:TrustAnchors).
            Assert.Equal(ProvenanceState.Trusted, ProvenanceVerifier.Trusting(fixture.Signer, [other.Authority]).Verify(foreign).State);

            // Used as an input, the still keeps its manifest, and our manifest records the untrusted verdict on it.
            var path = Path.Combine(directory, "input.jpg");
            File.WriteAllBytes(path, foreign);
            var content = SoraAssertions.Content("made from it", "test", [], [new ProvenanceInput(path, "image/jpeg", "input", "sora:upload:x")], fixture.Verifier);
            var made = C2paImage.SignJpeg(File.ReadAllBytes(Fixtures.Path("media/landscape-dock.jpg")), content, fixture.Signer);
            var ours = fixture.Verifier.Verify(made);
            Assert.Equal(ProvenanceState.Trusted, ours.State);
            Assert.Equal(ProvenanceState.Valid, Assert.Single(ours.Ingredients).ManifestState);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void A_file_without_a_manifest_is_absent_and_a_second_signing_is_refused()
    {
        var plain = File.ReadAllBytes(Fixtures.Path("media/landscape-dock.jpg"));
        Assert.Equal(ProvenanceState.Absent, fixture.Verifier.Verify(plain).State);
        Assert.Equal(ProvenanceState.Absent, fixture.Verifier.Verify(File.ReadAllBytes(Fixtures.Path("media/scenery-4s.mp4"))).State);
        Assert.Throws<InvalidDataException>(() => C2paImage.SignJpeg(Signed(), SoraAssertions.Content("again", "test", [], [], fixture.Verifier), fixture.Signer));
        Assert.NotEqual(ProvenanceState.Trusted, fixture.Verifier.Verify([0xFF, 0xD8, 0xFF]).State);
    }
}
