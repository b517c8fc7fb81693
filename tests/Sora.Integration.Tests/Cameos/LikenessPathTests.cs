using System.Text.Json;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Cameos;

/// <summary>
/// Every path by which a likeness enters a video is a cameo use under the one consent decision (DESIGN §4 invariant 5):
/// a face in the input image, a face in a remix source, and a likeness a remix inherits from its source. Each is counted
/// against grants, receipted, listed for the owner and auditors, and withdrawn with its right, along the remix lineage.
/// </summary>
public sealed class LikenessPathTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static object Image(string prompt, string clientRequestId, string image) => GenerationFlow.Input(prompt, clientRequestId, image: image);

    private static object Remix(string prompt, string clientRequestId, Guid source) => GenerationFlow.Input(prompt, clientRequestId, remixOf: source);

    [Fact]
    public async Task A_face_in_an_input_image_is_a_use_counted_receipted_listed_and_withdrawn_with_its_grant()
    {
        var owner = await Api.SignUpAsync("person_b");
        var fan = await Api.SignUpAsync("fan");
        var viewer = await Api.SignUpAsync("viewer");
        var cameo = await Host.VerifiedCameoFromPhotoAsync(owner.Id, "faces/person-b.png");
        var photo = await Host.UploadImageAsync(fan, "faces/person-b.png");

        Assert.Equal(["LIKENESS_NOT_CONSENTED"], (await Api.GenerateAsync(fan.Token, Image("a portrait comes alive", "i2v-0", photo))).Codes());
        var grant = await Api.GrantAsync(cameo, fan.Id, owner.Token, maxUses: 1);
        var first = await Api.GenerateAsync(fan.Token, Image("a portrait comes alive", "i2v-1", photo));
        var id = first.Id();
        var shown = Assert.Single(first.Cameos());
        Assert.Equal("INPUT_IMAGE", shown.GetProperty("path").GetString());
        // Whose face it is stays unsaid to the requester: an upload is no way to look a person up.
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (shown.GetProperty("cameoId").ValueKind, shown.GetProperty("handle").ValueKind));
        // maxUses: 1 counts this use: a second image-to-video request showing her is refused.
        Assert.Equal(["LIKENESS_NOT_CONSENTED"], (await Api.GenerateAsync(fan.Token, Image("a portrait comes alive", "i2v-2", photo))).Codes());

        var use = Assert.Single(await Api.UsagesAsync(cameo, owner.Token));
        Assert.Equal(shown.GetProperty("useId").GetString(), use.GetProperty("id").GetString());
        Assert.Equal(("INPUT_IMAGE", "GRANT", grant.ToString()), (use.GetProperty("path").GetString(), use.GetProperty("right").GetString(),
            use.GetProperty("grantId").GetString()));

        var url = await Host.RenderAndPublishAsync(Api, fan, id);
        var video = (await Api.VideoAsync(id, viewer.Token)).GetProperty("data").GetProperty("video");
        Assert.True(video.GetProperty("provenance").GetProperty("valid").GetBoolean());
        Assert.Equal([shown.GetProperty("receiptHash").GetString()],
            video.GetProperty("provenance").GetProperty("receipts").EnumerateArray().Select(r => r.GetString()));
        await Host.AssertPublicAsync(Api, id, url, "portrait", viewer);

        // Auditors see the image use like any other: under its grant, in the replay, and in the export's verified chain.
        var auditor = await AuditorAsync();
        var underGrant = (await Api.PostAsync("query($g: ID!) { usagesUnderGrant(grantId: $g) { edges { node { id path } } } }", new { g = grant }, auditor.Token))
            .Ok().GetProperty("usagesUnderGrant");
        Assert.Equal("INPUT_IMAGE", Assert.Single(underGrant.Nodes()).GetProperty("path").GetString());
        var replay = (await Api.PostAsync("query($c: ID!, $at: DateTimeOffset!) { whoCouldUse(cameoId: $c, at: $at) { uses { edges { node { useId path grantId receiptHash } } } } }",
            new { c = cameo, at = DateTimeOffset.UtcNow }, auditor.Token)).Ok().GetProperty("whoCouldUse");
        Assert.Equal("INPUT_IMAGE", Assert.Single(replay.GetProperty("uses").Nodes()).GetProperty("path").GetString());

        await Api.RevokeAsync(cameo, grant, owner.Token);
        // The revoking transaction itself withdrew the use and took the video off every surface.
        await Host.AssertGoneAsync(Api, id, url, "portrait", fan, viewer);
        var withdrawn = Assert.Single(await Api.UsagesAsync(cameo, owner.Token));
        Assert.Equal(("WITHDRAWN", "GRANT_REVOKED"), (withdrawn.GetProperty("status").GetString(), withdrawn.GetProperty("withdrawnReason").GetString()));
        // The owner still sees every video that shows her (DESIGN §4 invariant 3), before and after it is blocked.
        Assert.Equal(id.ToString(), (await Api.VideoAsync(id, owner.Token)).GetProperty("data").GetProperty("video").GetProperty("id").GetString());
        await Host.WaitForBlockedAsync(fan, id);
        Assert.Equal(id.ToString(), (await Api.VideoAsync(id, owner.Token)).GetProperty("data").GetProperty("video").GetProperty("id").GetString());
        await Host.AssertGoneAsync(Api, id, url, "portrait", fan, viewer);

        var export = await Host.ExportAsync(cameo, auditor);
        Assert.Contains(export, r => r.GetProperty("record").GetString() == "event" && r.GetProperty("type").GetString() == "cameo_use_authorized"
            && r.GetProperty("data").GetProperty("Path").GetInt32() == (int)Sora.Domain.Cameos.CameoUsePath.InputImage);
        Assert.True(export[^1].GetProperty("chainValid").GetBoolean());
    }

    [Fact]
    public async Task A_remix_inherits_the_likenesses_its_source_shows_and_withdrawal_follows_the_lineage()
    {
        var alex = await Api.SignUpAsync("alex");
        var maker = await Api.SignUpAsync("maker");
        var remixer = await Api.SignUpAsync("remixer");
        var again = await Api.SignUpAsync("remixer_two");
        var viewer = await Api.SignUpAsync("viewer");
        var cameo = await Host.VerifiedCameoWithFaceAsync(alex.Id);
        await Api.GrantAsync(cameo, maker.Id, alex.Token);

        var source = (await Api.GenerateAsync(maker.Token, GenerationFlow.Input("@alex rides a bicycle along the harbour", "src"))).Id();
        var sourceUrl = await Host.RenderAndPublishAsync(Api, maker, source);

        // The remix shows alex too: without a right of its own, the remixer is refused, as for a mention.
        var refused = await Api.GenerateAsync(remixer.Token, Remix("the harbour as a watercolour", "r-0", source));
        Assert.Equal(["CONSENT_REQUIRED"], refused.Codes());
        Assert.Equal("remixOf", refused.GetProperty("errors")[0].GetProperty("field").GetString());

        await Api.SetAudienceAsync(cameo, "EVERYONE", alex.Token);
        var remixPayload = await Api.GenerateAsync(remixer.Token, Remix("the harbour as a watercolour", "r-1", source));
        var remix = remixPayload.Id();
        Assert.Equal("INHERITED", Assert.Single(remixPayload.Cameos()).GetProperty("path").GetString());
        var remixUrl = await Host.RenderAndPublishAsync(Api, remixer, remix);
        var secondPayload = await Api.GenerateAsync(again.Token, Remix("the watercolour harbour at night", "r-2", remix));
        var second = secondPayload.Id();
        var secondUrl = await Host.RenderAndPublishAsync(Api, again, second);

        var uses = (await Api.UsagesAsync(cameo, alex.Token)).ToDictionary(u => u.GetProperty("requester").GetProperty("handle").GetString()!);
        Assert.Equal(("MENTION", JsonValueKind.Null), (uses["maker"].GetProperty("path").GetString(), uses["maker"].GetProperty("parentUseId").ValueKind));
        Assert.Equal(("INHERITED", uses["maker"].GetProperty("id").GetString(), source.ToString()),
            (uses["remixer"].GetProperty("path").GetString(), uses["remixer"].GetProperty("parentUseId").GetString(), uses["remixer"].GetProperty("sourceVideoId").GetString()));
        Assert.Equal(uses["remixer"].GetProperty("id").GetString(), uses["remixer_two"].GetProperty("parentUseId").GetString());
        await Host.AssertPublicAsync(Api, second, secondUrl, "watercolour", viewer);

        // The owner removes the source's use: the source, its remix and the remix of the remix go in that transaction.
        (await Api.PostAsync("mutation($i: RemoveCameoUseInput!) { removeCameoUse(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, useId = uses["maker"].GetProperty("id").GetString() } }, alex.Token)).Ok();
        await Host.AssertGoneAsync(Api, source, sourceUrl, "harbour", maker, viewer);
        await Host.AssertGoneAsync(Api, remix, remixUrl, "watercolour", remixer, viewer);
        await Host.AssertGoneAsync(Api, second, secondUrl, "watercolour", again, viewer);
        var after = (await Api.UsagesAsync(cameo, alex.Token)).ToDictionary(u => u.GetProperty("requester").GetProperty("handle").GetString()!,
            u => (u.GetProperty("status").GetString(), u.GetProperty("withdrawnReason").GetString()));
        Assert.Equal(("WITHDRAWN", "REMOVED_BY_OWNER"), after["maker"]);
        Assert.Equal(("WITHDRAWN", "SOURCE_WITHDRAWN"), after["remixer"]);
        Assert.Equal(("WITHDRAWN", "SOURCE_WITHDRAWN"), after["remixer_two"]);
        await Host.WaitForBlockedAsync(maker, source);
        await Host.WaitForBlockedAsync(remixer, remix);
        await Host.WaitForBlockedAsync(again, second);
    }

    [Fact]
    public async Task A_face_in_a_remix_source_is_a_use_that_needs_the_remixers_own_consent()
    {
        // The source shows person-b's face without a use of her likeness: it was made before she verified.
        var maker = await Api.SignUpAsync("maker");
        var photo = await Host.UploadImageAsync(maker, "faces/person-b.png");
        var source = (await Api.GenerateAsync(maker.Token, Image("a portrait by the window", "src", photo))).Id();
        await Host.RenderAndPublishAsync(Api, maker, source);
        var owner = await Api.SignUpAsync("person_b");
        var cameo = await Host.VerifiedCameoFromPhotoAsync(owner.Id, "faces/person-b.png");

        var remixer = await Api.SignUpAsync("remixer");
        var refused = await Api.GenerateAsync(remixer.Token, Remix("the portrait in the rain", "r-0", source));
        Assert.Equal(["LIKENESS_NOT_CONSENTED"], refused.Codes());
        Assert.Equal("remixOf", refused.GetProperty("errors")[0].GetProperty("field").GetString());

        var grant = await Api.GrantAsync(cameo, remixer.Id, owner.Token, maxUses: 1);
        var remix = await Api.GenerateAsync(remixer.Token, Remix("the portrait in the rain", "r-1", source));
        var remixId = remix.Id();
        var shown = Assert.Single(remix.Cameos());
        Assert.Equal(("REMIX_SOURCE", JsonValueKind.Null), (shown.GetProperty("path").GetString(), shown.GetProperty("cameoId").ValueKind));
        var use = Assert.Single(await Api.UsagesAsync(cameo, owner.Token));
        Assert.Equal(("REMIX_SOURCE", grant.ToString(), source.ToString()),
            (use.GetProperty("path").GetString(), use.GetProperty("grantId").GetString(), use.GetProperty("sourceVideoId").GetString()));

        // Revoking the grant withdraws the remix use at once; its generation is blocked.
        await Api.RevokeAsync(cameo, grant, owner.Token);
        Assert.Equal("WITHDRAWN", Assert.Single(await Api.UsagesAsync(cameo, owner.Token)).GetProperty("status").GetString());
        await Host.WaitForBlockedAsync(remixer, remixId);
    }

    private async Task<TestAccount> AuditorAsync()
    {
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var auditor = await Api.SignUpAsync("auditor_one");
        (await Api.PostAsync("mutation($i: ChangeRoleInput!) { grantRole(input: $i) { errors { code } } }",
            new { i = new { accountId = auditor.Id, role = "AUDITOR" } }, admin.Token)).Ok();
        return auditor;
    }
}
