using Marten;
using Sora.Domain.Cameos;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Cameos;

/// <summary>
/// Image-to-video requests showing a cameo, concurrent with each other and with a revoke: a face-matched use is
/// decided on the cameo's stream like a mention, so maxUses holds exactly and revocation wins (DESIGN §4 invariants 1-2).
/// </summary>
public sealed class LikenessRaceTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static object Image(string clientRequestId, string image) => GenerationFlow.Input("a portrait of her by the sea", clientRequestId, image: image);

    [Fact]
    public async Task Concurrent_image_requests_respect_max_uses_exactly()
    {
        var owner = await Api.SignUpAsync("person_b");
        var fan = await Api.SignUpAsync("fan");
        var cameo = await Host.VerifiedCameoFromPhotoAsync(owner.Id, "faces/person-b.png");
        var photo = await Host.UploadImageAsync(fan, "faces/person-b.png");
        await Api.GrantAsync(cameo, fan.Id, owner.Token, maxUses: 2);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() => Api.GenerateAsync(fan.Token, Image($"max-{i}", photo)))));
        var accepted = answers.Where(a => a.GetProperty("errors").GetArrayLength() == 0).Select(a => a.Id()).ToList();
        Assert.Equal(2, accepted.Count);
        Assert.All(answers.Where(a => a.GetProperty("errors").GetArrayLength() > 0), a => Assert.Equal(["LIKENESS_NOT_CONSENTED"], a.Codes()));
        Assert.Equal(2, (await Api.UsagesAsync(cameo, owner.Token)).Length);

        foreach (var id in accepted)
        {
            (await Api.PostAsync(Generations.GenerationFlowTests.Lifecycle("cancelGeneration"), new { id }, fan.Token)).Ok();
            Assert.Equal("CANCELLED", await Host.WaitForGenerationToSettleAsync(fan, id));
        }
    }

    [Fact]
    public async Task No_image_use_is_accepted_after_its_revoke_commits_and_every_video_it_allowed_is_gone()
    {
        var owner = await Api.SignUpAsync("person_b");
        var fan = await Api.SignUpAsync("fan");
        var viewer = await Api.SignUpAsync("viewer");
        var cameo = await Host.VerifiedCameoFromPhotoAsync(owner.Id, "faces/person-b.png");
        var photo = await Host.UploadImageAsync(fan, "faces/person-b.png");

        for (var round = 0; round < 3; round++)
        {
            var grant = await Api.GrantAsync(cameo, fan.Id, owner.Token, maxUses: 3);
            // The first round also has a published video under the grant, for the revoke to take down.
            Guid? published = null;
            string? url = null;
            if (round == 0)
            {
                published = (await Api.GenerateAsync(fan.Token, Image("published", photo))).Id();
                url = await Host.RenderAndPublishAsync(Api, fan, published.Value);
                await Host.AssertPublicAsync(Api, published.Value, url, "portrait", viewer);
            }

            // Requests and the revoke leave together; the revoke goes out between them.
            using var start = new SemaphoreSlim(0);
            var requests = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
            {
                await start.WaitAsync();
                return await Api.GenerateAsync(fan.Token, Image($"race-{round}-{i}", photo));
            })).ToList();
            var revoke = Task.Run(async () =>
            {
                await start.WaitAsync();
                await Api.RevokeAsync(cameo, grant, owner.Token);
            });
            start.Release(5);
            await revoke;
            var answers = await Task.WhenAll(requests);

            var accepted = answers.Where(a => a.GetProperty("errors").GetArrayLength() == 0).Select(a => a.Id()).ToList();
            Assert.True(accepted.Count <= (round == 0 ? 2 : 3), $"round {round}: {accepted.Count} accepted");
            Assert.All(answers.Where(a => a.GetProperty("errors").GetArrayLength() > 0), a => Assert.Equal(["LIKENESS_NOT_CONSENTED"], a.Codes()));

            // On the cameo's stream every use under the grant comes before its revocation.
            await using (var query = Host.Store.QuerySession())
            {
                var events = await query.Events.FetchStreamAsync(cameo);
                var revokedAt = events.Single(e => e.Data is CameoGrantRevoked r && r.GrantId == grant).Version;
                Assert.All(events.Where(e => e.Data is CameoUseAuthorized u && u.GrantId == grant), e => Assert.True(e.Version < revokedAt));
            }
            // After the revoke, a new request is refused.
            Assert.Equal(["LIKENESS_NOT_CONSENTED"], (await Api.GenerateAsync(fan.Token, Image($"late-{round}", photo))).Codes());

            if (published is { } video) await Host.AssertGoneAsync(Api, video, url!, "portrait", fan, viewer);
            foreach (var id in accepted.Concat(published is { } p ? [p] : Array.Empty<Guid>()))
            {
                await Host.WaitForBlockedAsync(fan, id);
                Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(id, viewer.Token)));
            }
        }
        var uses = await Api.UsagesAsync(cameo, owner.Token);
        Assert.All(uses, u => Assert.Equal(("WITHDRAWN", "GRANT_REVOKED"), (u.GetProperty("status").GetString(), u.GetProperty("withdrawnReason").GetString())));
    }
}
