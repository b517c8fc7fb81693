using System.Text.Json;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Social;

/// <summary>
/// An account that blocks you is not there for you on any path that returns an account, not only account(id): the
/// payload of unfollow, a cameo's grantees, and the rest go through one rule (RequestLoaders.Accounts).
/// </summary>
public sealed class BlockVisibilityTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_blocked_account_gets_no_profile_of_its_blocker_from_payloads_or_grants()
    {
        var carol = await Api.SignUpAsync("carol");
        var dan = await Api.SignUpAsync("dan");
        (await Api.PostAsync("mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { errors { code } } }",
            new { i = new { displayName = "Carol Private", bio = "not for dan" } }, carol.Token)).Ok();
        var cameo = await Host.VerifiedCameoAsync(dan.Id);
        await Api.GrantAsync(cameo, carol.Id, dan.Token);
        (await Api.SocialAsync("follow", carol.Id, dan.Token)).Ok();

        const string Grants = "query($id: ID!) { cameo(id: $id) { grants { edges { node { grantee { handle displayName bio } } } } } }";
        // Before the block, dan sees her as anyone would.
        Assert.Equal("carol", (await Api.PostAsync(Grants, new { id = cameo }, dan.Token)).Ok().GetProperty("cameo").GetProperty("grants").Nodes()[0]
            .GetProperty("grantee").GetProperty("handle").GetString());

        (await Api.SocialAsync("block", dan.Id, carol.Token)).Ok();

        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("query($id: ID!) { account(id: $id) { handle } }", new { id = carol.Id }, dan.Token)).ErrorCodes);
        var unfollow = (await Api.SocialAsync("unfollow", carol.Id, dan.Token)).Ok().GetProperty("unfollow");
        Assert.Equal(JsonValueKind.Null, unfollow.GetProperty("account").ValueKind);
        var grantee = (await Api.PostAsync(Grants, new { id = cameo }, dan.Token)).Ok().GetProperty("cameo").GetProperty("grants").Nodes()[0].GetProperty("grantee");
        Assert.Equal(JsonValueKind.Null, grantee.ValueKind);
        Assert.DoesNotContain("Carol Private", (await Api.PostAsync(Grants, new { id = cameo }, dan.Token)).Body.GetRawText());

        // The blocker still sees the one she blocks, and a third account still sees her.
        var eve = await Api.SignUpAsync("eve");
        Assert.Equal("dan", (await Api.SocialAsync("unblock", dan.Id, carol.Token)).Ok().GetProperty("unblock").GetProperty("account").GetProperty("handle").GetString());
        Assert.Equal("carol", (await Api.SocialAsync("follow", carol.Id, eve.Token)).Ok().GetProperty("follow").GetProperty("account").GetProperty("handle").GetString());
    }
}
