using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Sora.Integration.Tests.Support;
using Sora.Render.Cameos;
using Wolverine.Tracking;
using Xunit;

namespace Sora.Integration.Tests.Cameos;

/// <summary>Faces in uploaded images and clips are matched against verified cameos; consent decides.</summary>
public sealed class LikenessProtectionTests(AppFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>person-b verifies a real cameo from valid-b.mp4 (the worker seals her template).</summary>
    private async Task<(TestAccount Owner, Guid Cameo)> VerifiedPersonBAsync()
    {
        var owner = await Api.SignUpAsync("person_b");
        var start = (await Api.PostAsync("mutation { startCameoVerification(input: {}) { cameo { id } upload { url } } }", token: owner.Token))
            .Ok().GetProperty("startCameoVerification");
        var id = Guid.Parse(start.GetProperty("cameo").GetProperty("id").GetString()!);
        await Host.App.TrackActivity().IncludeExternalTransports().Timeout(TimeSpan.FromSeconds(120))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, start.GetProperty("upload").GetProperty("url").GetString())
                {
                    Content = new ByteArrayContent(await File.ReadAllBytesAsync(CameoSeeds.Fixture("cameo/valid-b.mp4"))),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.Token);
                using var response = await Host.Http.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }));
        return (owner, id);
    }

    [Fact]
    public async Task A_verified_persons_face_in_an_input_needs_their_consent()
    {
        var (personB, cameo) = await VerifiedPersonBAsync();
        var stranger = await Api.SignUpAsync("stranger");
        var protection = Host.Services.GetRequiredService<LikenessProtection>();

        var clip = await protection.CheckAsync(CameoSeeds.Fixture("media/person-b-clip.mp4"), stranger.Id, "remix this");
        Assert.True(clip.Refused, $"faces {clip.FacesFound}, matches {clip.Matches.Count}");
        var match = Assert.Single(clip.Matches);
        Assert.Equal(cameo, match.CameoId);
        Assert.True(match.Similarity >= LikenessProtection.MatchThreshold);

        var photo = await protection.CheckAsync(CameoSeeds.Fixture("faces/person-b.png"), stranger.Id, "animate this photo");
        Assert.True(photo.Refused);

        // Other people and places are not person-b.
        foreach (var other in new[] { "faces/person-a.png", "faces/group-3-people.jpg", "media/landscape-lake.jpg", "media/scenery-4s.mp4" })
            Assert.False((await protection.CheckAsync(CameoSeeds.Fixture(other), stranger.Id, "animate")).Refused, other);

        // The person herself may, and so may someone she grants.
        Assert.False((await protection.CheckAsync(CameoSeeds.Fixture("faces/person-b.png"), personB.Id, "me")).Refused);
        (await Api.PostAsync("mutation($i: GrantCameoAccessInput!) { grantCameoAccess(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, accountId = stranger.Id } }, personB.Token)).Ok();
        Assert.False((await protection.CheckAsync(CameoSeeds.Fixture("media/person-b-clip.mp4"), stranger.Id, "remix this")).Refused);
    }
}
