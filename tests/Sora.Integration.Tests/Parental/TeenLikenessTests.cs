using System.Text.Json;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Parental;

/// <summary>A teen's likeness: never open to everyone, grants and wider audiences co-signed, every use seen and removable by a parent.</summary>
public sealed class TeenLikenessTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Cameo = """
        query($id: ID!) { cameo(id: $id) { id audience grants { edges { node { id grantee { handle } } } } pendingChanges { id audience grantee { handle } } } }
        """;

    private static string Decide(string name) =>
        $"mutation($c: ID!, $p: ID!) {{ {name}(input: {{ cameoId: $c, proposalId: $p }}) {{ cameo {{ id }} errors {{ code }} }} }}";

    private async Task<JsonElement> CameoAsync(Guid cameo, TestAccount viewer) => (await Api.PostAsync(Cameo, new { id = cameo }, viewer.Token)).Ok().GetProperty("cameo");

    private async Task<List<string>> AudienceCodesAsync(Guid cameo, string audience, TestAccount owner) =>
        (await Api.PostAsync("mutation($i: SetCameoAudienceInput!) { setCameoAudience(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, audience } }, owner.Token)).UserErrors("setCameoAudience").ToList();

    [Fact]
    public async Task A_teens_cameo_is_never_open_to_everyone_and_its_grants_and_wider_audiences_wait_for_a_parent()
    {
        var teen = await Api.SignUpTeenAsync("kid");
        var mum = await Api.SignUpAsync("mum");
        var friend = await Api.SignUpTeenAsync("friend");
        var pal = await Api.SignUpTeenAsync("pal");
        var stranger = await Api.SignUpAsync("stranger");
        var cameo = await Host.VerifiedCameoAsync(teen.Id);

        // Without a parent: never EVERYONE; other audiences apply at once.
        Assert.Equal(["TEEN_AUDIENCE"], await AudienceCodesAsync(cameo, "EVERYONE", teen));
        Assert.Empty(await AudienceCodesAsync(cameo, "APPROVED", teen));
        Assert.Equal("APPROVED", (await CameoAsync(cameo, teen)).GetProperty("audience").GetString());

        await Api.LinkAsync(mum, teen);
        var grant = await Api.GrantAsync(cameo, friend.Id, teen.Token);
        var pending = await CameoAsync(cameo, teen);
        Assert.Empty(pending.GetProperty("grants").Nodes());
        Assert.Equal((grant.ToString(), "friend"), (pending.GetProperty("pendingChanges")[0].GetProperty("id").GetString(),
            pending.GetProperty("pendingChanges")[0].GetProperty("grantee").GetProperty("handle").GetString()));
        Assert.False((await Host.UseCameoAsync(cameo, friend.Id)).Allowed);
        // A wider audience waits too; a narrower one never does (revocation wins).
        Assert.Empty(await AudienceCodesAsync(cameo, "MUTUALS", teen));
        Assert.Equal("APPROVED", (await CameoAsync(cameo, teen)).GetProperty("audience").GetString());
        Assert.Equal(["TEEN_AUDIENCE"], await AudienceCodesAsync(cameo, "EVERYONE", teen));

        // Only a linked parent co-signs.
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Decide("approveCameoChange"), new { c = cameo, p = grant }, teen.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Decide("approveCameoChange"), new { c = cameo, p = grant }, stranger.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Decide("approveCameoChange"), new { c = cameo, p = grant })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Decide("approveCameoChange"), new { c = cameo, p = Guid.NewGuid() }, mum.Token)).ErrorCodes);
        Assert.Empty((await Api.PostAsync(Decide("approveCameoChange"), new { c = cameo, p = grant }, mum.Token)).Payload("approveCameoChange").GetProperty("errors").EnumerateArray());

        var approved = await CameoAsync(cameo, mum);
        Assert.Equal([grant.ToString()], approved.GetProperty("grants").Nodes().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(["MUTUALS"], approved.GetProperty("pendingChanges").EnumerateArray().Select(p => p.GetProperty("audience").GetString()));
        var use = await Host.UseCameoAsync(cameo, friend.Id);
        Assert.True(use.Allowed);

        // Declined: nothing changes.
        var palGrant = await Api.GrantAsync(cameo, pal.Id, teen.Token);
        Assert.Empty((await Api.PostAsync(Decide("declineCameoChange"), new { c = cameo, p = palGrant }, mum.Token)).Payload("declineCameoChange").GetProperty("errors").EnumerateArray());
        var after = await CameoAsync(cameo, teen);
        Assert.Single(after.GetProperty("grants").Nodes());
        Assert.Equal(1, after.GetProperty("pendingChanges").GetArrayLength());
        Assert.False((await Host.UseCameoAsync(cameo, pal.Id)).Allowed);

        // The parent sees every use of the likeness, through the family too, and removes one; a stranger sees nothing.
        var family = (await Api.PostAsync("query { family { teens { cameo { id } } } }", token: mum.Token)).Ok().GetProperty("family");
        Assert.Equal(cameo.ToString(), family.GetProperty("teens")[0].GetProperty("cameo").GetProperty("id").GetString());
        var usages = await Api.UsagesAsync(cameo, mum.Token);
        Assert.Equal([use.Use!.UseId.ToString()], usages.Select(u => u.GetProperty("id").GetString()));
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(LikenessFlow.Usages, new { id = cameo }, stranger.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("mutation($c: ID!, $u: ID!) { removeCameoUse(input: { cameoId: $c, useId: $u }) { errors { code } } }",
            new { c = cameo, u = use.Use.UseId }, stranger.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("mutation($c: ID!) { deleteCameo(input: { cameoId: $c }) { errors { code } } }", new { c = cameo }, mum.Token)).ErrorCodes);
        Assert.Empty((await Api.PostAsync("mutation($c: ID!, $u: ID!) { removeCameoUse(input: { cameoId: $c, useId: $u }) { errors { code } } }",
            new { c = cameo, u = use.Use.UseId }, mum.Token)).Payload("removeCameoUse").GetProperty("errors").EnumerateArray());
        Assert.Equal("WITHDRAWN", (await Api.UsagesAsync(cameo, teen.Token))[0].GetProperty("status").GetString());

        // Unlinked, the parent's view ends.
        Assert.Empty((await Api.FamilyMutationAsync("unlinkFamily", "accountId", mum.Id, teen.Token)).Payload("unlinkFamily").GetProperty("errors").EnumerateArray());
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Cameo, new { id = cameo }, mum.Token)).ErrorCodes);
    }
}
