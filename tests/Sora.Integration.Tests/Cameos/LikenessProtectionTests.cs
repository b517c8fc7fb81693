using Microsoft.Extensions.DependencyInjection;
using Sora.Integration.Tests.Support;
using Sora.Render.Cameos;
using Xunit;

namespace Sora.Integration.Tests.Cameos;

/// <summary>Faces in uploaded images and clips are matched against verified likenesses (consent: LikenessPathTests).</summary>
public sealed class LikenessProtectionTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_verified_persons_face_is_found_in_images_and_clips_and_nobody_else_is()
    {
        var (_, cameo) = await Host.VerifyThroughApiAsync(Api, "person_b", "cameo/valid-b.mp4");
        var protection = Host.Services.GetRequiredService<LikenessProtection>();

        var clip = await protection.ScanFacesAsync(CameoSeeds.Fixture("media/person-b-clip.mp4"));
        var match = Assert.Single(clip.Matches);
        Assert.Equal(cameo, match.CameoId);
        Assert.True(match.Similarity >= LikenessProtection.MatchThreshold);
        Assert.Equal(cameo, Assert.Single((await protection.ScanFacesAsync(CameoSeeds.Fixture("faces/person-b.png"))).Matches).CameoId);
        Assert.Equal(cameo, Assert.Single((await protection.ScanFacesAsync(CameoSeeds.Fixture("faces/group-4-people.jpg"))).Matches).CameoId);

        // Other people and places are not person-b.
        foreach (var other in new[] { "faces/person-a.png", "faces/group-3-people.jpg", "media/landscape-lake.jpg", "media/scenery-4s.mp4" })
            Assert.Empty((await protection.ScanFacesAsync(CameoSeeds.Fixture(other))).Matches);
    }
}
