using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Accounts;

public sealed class ProfileAndRoleTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string UpdateProfile = """
        mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { account { displayName bio } errors { code field } } }
        """;

    private const string GrantRole = """
        mutation($input: ChangeRoleInput!) { grantRole(input: $input) { account { handle roles } errors { code } } }
        """;

    private const string RevokeRole = """
        mutation($input: ChangeRoleInput!) { revokeRole(input: $input) { account { handle roles } errors { code } } }
        """;

    [Fact]
    public async Task The_owner_updates_and_clears_the_profile()
    {
        var dana = await Api.SignUpAsync("dana");
        var set = (await Api.PostAsync(UpdateProfile, new { input = new { displayName = "Dana D.", bio = "makes videos" } }, dana.Token))
            .Ok().GetProperty("updateProfile").GetProperty("account");
        Assert.Equal("Dana D.", set.GetProperty("displayName").GetString());
        Assert.Equal("makes videos", set.GetProperty("bio").GetString());

        var cleared = (await Api.PostAsync(UpdateProfile, new { input = new { bio = "" } }, dana.Token))
            .Ok().GetProperty("updateProfile").GetProperty("account");
        Assert.Equal("Dana D.", cleared.GetProperty("displayName").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("bio").ValueKind);

        // Others see the public profile but not the private fields.
        var eve = await Api.SignUpAsync("eve");
        var seen = await Api.PostAsync("query($h: String) { account(handle: $h) { displayName email } }", new { h = "dana" }, eve.Token);
        Assert.Equal("Dana D.", seen.Data.GetProperty("account").GetProperty("displayName").GetString());
        Assert.Equal(["FORBIDDEN"], seen.ErrorCodes);
    }

    [Fact]
    public async Task Profile_updates_are_refused_for_anonymous_and_other_users_and_checked_for_size()
    {
        var dana = await Api.SignUpAsync("dana");
        var eve = await Api.SignUpAsync("eve");

        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(UpdateProfile, new { input = new { bio = "x" } })).ErrorCodes);
        Assert.Equal(["FORBIDDEN"],
            (await Api.PostAsync(UpdateProfile, new { input = new { accountId = dana.Id, bio = "hacked" } }, eve.Token)).ErrorCodes);
        Assert.Equal(["INVALID_PROFILE"],
            (await Api.PostAsync(UpdateProfile, new { input = new { bio = new string('x', 301) } }, dana.Token)).UserErrors("updateProfile"));
        Assert.Equal(["BAD_USER_INPUT"],
            (await Api.PostAsync(UpdateProfile, new { input = new { accountId = "not-an-id", bio = "x" } }, dana.Token)).ErrorCodes);

        var bio = (await Api.PostAsync("{ me { bio } }", token: dana.Token)).Ok().GetProperty("me").GetProperty("bio");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bio.ValueKind);
    }

    [Fact]
    public async Task An_admin_edits_any_profile()
    {
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var dana = await Api.SignUpAsync("dana");
        var result = await Api.PostAsync(UpdateProfile, new { input = new { accountId = dana.Id, displayName = "Moderated" } }, admin.Token);
        Assert.Equal("Moderated", result.Ok().GetProperty("updateProfile").GetProperty("account").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Only_admins_grant_and_revoke_roles()
    {
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var dana = await Api.SignUpAsync("dana");
        var eve = await Api.SignUpAsync("eve");

        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(GrantRole, new { input = new { accountId = dana.Id, role = "MODERATOR" } })).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(RevokeRole, new { input = new { accountId = admin.Id, role = "ADMIN" } })).ErrorCodes);
        Assert.Equal(["FORBIDDEN"],
            (await Api.PostAsync(RevokeRole, new { input = new { accountId = admin.Id, role = "ADMIN" } }, eve.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"],
            (await Api.PostAsync(GrantRole, new { input = new { accountId = eve.Id, role = "ADMIN" } }, eve.Token)).ErrorCodes);

        var granted = await Api.PostAsync(GrantRole, new { input = new { accountId = dana.Id, role = "MODERATOR" } }, admin.Token);
        Assert.Equal(["USER", "MODERATOR"],
            granted.Ok().GetProperty("grantRole").GetProperty("account").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["ROLE_ALREADY_HELD"],
            (await Api.PostAsync(GrantRole, new { input = new { accountId = dana.Id, role = "MODERATOR" } }, admin.Token)).UserErrors("grantRole"));

        // A moderator is not an admin.
        Assert.Equal(["FORBIDDEN"],
            (await Api.PostAsync(GrantRole, new { input = new { accountId = eve.Id, role = "AUDITOR" } }, dana.Token)).ErrorCodes);

        var revoked = await Api.PostAsync(RevokeRole, new { input = new { accountId = dana.Id, role = "MODERATOR" } }, admin.Token);
        Assert.Equal(["USER"],
            revoked.Ok().GetProperty("revokeRole").GetProperty("account").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["ROLE_NOT_HELD"],
            (await Api.PostAsync(RevokeRole, new { input = new { accountId = dana.Id, role = "MODERATOR" } }, admin.Token)).UserErrors("revokeRole"));
        Assert.Equal(["FORBIDDEN"],
            (await Api.PostAsync(RevokeRole, new { input = new { accountId = admin.Id, role = "ADMIN" } }, admin.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"],
            (await Api.PostAsync(GrantRole, new { input = new { accountId = Guid.NewGuid(), role = "AUDITOR" } }, admin.Token)).ErrorCodes);
    }

    [Fact]
    public async Task A_granted_role_applies_to_existing_tokens_at_once()
    {
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var dana = await Api.SignUpAsync("dana");
        (await Api.PostAsync(GrantRole, new { input = new { accountId = dana.Id, role = "ADMIN" } }, admin.Token)).Ok();

        // dana's token predates the grant, yet dana now acts as an admin: roles are read per request.
        var eve = await Api.SignUpAsync("eve");
        var result = await Api.PostAsync(GrantRole, new { input = new { accountId = eve.Id, role = "AUDITOR" } }, dana.Token);
        Assert.Empty(result.UserErrors("grantRole"));
    }
}
