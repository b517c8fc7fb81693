using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Generations;

/// <summary>Cameos in generated videos: consent before queueing, receipts in the provenance, and revocation winning.</summary>
public sealed class CameoGenerationTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private Task<GqlResponse> SetAudience(Guid cameo, string audience, string token) =>
        Api.PostAsync("mutation($input: SetCameoAudienceInput!) { setCameoAudience(input: $input) { errors { code } } }",
            new { input = new { cameoId = cameo, audience } }, token);

    [Fact]
    public async Task A_cameo_video_carries_the_consent_receipt_and_needs_consent_before_anything_is_queued()
    {
        var owner = await Api.SignUpAsync("alex");
        var fan = await Api.SignUpAsync("fan");
        var cameo = await Host.VerifiedCameoWithFaceAsync(owner.Id);

        // Without consent: refused, nothing charged, nothing queued.
        var before = await Api.CreditsAsync(fan.Token);
        var refused = await Api.PostAsync(GenerationFlow.Request, new { input = GenerationFlow.Input("@alex waves at the camera", "c-0") }, fan.Token);
        Assert.Equal(["CONSENT_REQUIRED"], refused.UserErrors("requestGeneration"));
        Assert.Equal(before, await Api.CreditsAsync(fan.Token));
        Assert.Equal(["UNKNOWN_CAMEO"], (await Api.PostAsync(GenerationFlow.Request, new { input = GenerationFlow.Input("@nobody_here waves", "c-1") }, fan.Token))
            .UserErrors("requestGeneration"));

        (await SetAudience(cameo, "EVERYONE", owner.Token)).Ok();
        var payload = (await Api.PostAsync(GenerationFlow.Request, new { input = GenerationFlow.Input("@alex waves at the camera", "c-2") }, fan.Token))
            .Ok().GetProperty("requestGeneration");
        var id = Guid.Parse(payload.GetProperty("generation").GetProperty("id").GetString()!);
        var receipt = Assert.Single(payload.GetProperty("generation").GetProperty("cameos").EnumerateArray()).GetProperty("receiptHash").GetString();
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, fan.Token);
        Assert.Equal("READY", (await GenerationFlow.FollowAsync(ws, id))[^1]["state"]!.GetValue<string>());
        var video = (await Api.VideoAsync(id, fan.Token)).GetProperty("data").GetProperty("video");
        Assert.True(video.GetProperty("provenance").GetProperty("valid").GetBoolean());
        Assert.Equal([receipt], video.GetProperty("provenance").GetProperty("receipts").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Consent_revoked_during_the_render_ends_the_video_blocked_and_never_published()
    {
        var owner = await Api.SignUpAsync("alex");
        var fan = await Api.SignUpAsync("fan");
        var cameo = await Host.VerifiedCameoWithFaceAsync(owner.Id);
        (await SetAudience(cameo, "EVERYONE", owner.Token)).Ok();
        var id = await Api.RequestAsync(fan.Token, GenerationFlow.Input("@alex dances in the rain", "rv-1", duration: 15));

        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, fan.Token);
        var revoked = false;
        var updates = await GenerationFlow.FollowAsync(ws, id, async update =>
        {
            if (revoked || update["state"]!.GetValue<string>() != "RENDERING") return;
            revoked = true;
            (await SetAudience(cameo, "ONLY_ME", owner.Token)).Ok();
        });
        Assert.True(revoked);
        Assert.Equal("BLOCKED", updates[^1]["state"]!.GetValue<string>());
        Assert.Equal("CONSENT_LAPSED", updates[^1]["reason"]!.GetValue<string>());

        var publish = await Api.PostAsync(GenerationFlowTests.Lifecycle("publishVideo"), new { id }, fan.Token);
        Assert.Equal(["NOT_PUBLISHABLE"], publish.UserErrors("publishVideo"));
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(id, fan.Token)));
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(id, owner.Token)));
        var state = (await Api.PostAsync("query($id: ID!) { generation(id: $id) { state refunded } }", new { id }, fan.Token)).Ok().GetProperty("generation");
        Assert.Equal("BLOCKED", state.GetProperty("state").GetString());
    }
}
