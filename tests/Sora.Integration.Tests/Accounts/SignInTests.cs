using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Accounts;

public sealed class SignInTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Theory]
    [InlineData("carol")]
    [InlineData("@Carol")]
    [InlineData("CAROL@example.com")]
    public async Task Signs_in_by_handle_or_email(string login)
    {
        var carol = await Api.SignUpAsync("carol");
        var response = await Api.PostAsync(Ops.SignIn, new { input = new { login, password = TestSettings.Password } });

        var payload = response.Ok().GetProperty("signIn");
        Assert.Equal(carol.Id.ToString(), payload.GetProperty("account").GetProperty("id").GetString());
        var me = await Api.PostAsync("{ me { handle } }", token: payload.GetProperty("token").GetString());
        Assert.Equal("carol", me.Ok().GetProperty("me").GetProperty("handle").GetString());
    }

    [Theory]
    [InlineData("carol", "wrong password entirely")]
    [InlineData("nobody_here", TestSettings.Password)]
    [InlineData("nobody@example.com", TestSettings.Password)]
    public async Task Wrong_credentials_get_one_indistinguishable_answer(string login, string password)
    {
        await Api.SignUpAsync("carol");
        var response = await Api.PostAsync(Ops.SignIn, new { input = new { login, password } });
        Assert.Equal(["INVALID_CREDENTIALS"], response.UserErrors("signIn"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Data.GetProperty("signIn").GetProperty("token").ValueKind);
    }

    [Fact]
    public async Task Me_is_null_for_anonymous_callers()
    {
        var data = (await Api.PostAsync("{ me { id } }")).Ok();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("me").ValueKind);
    }

    [Fact]
    public async Task A_forged_or_expired_token_is_rejected_with_401()
    {
        var carol = await Api.SignUpAsync("carol");
        var forged = carol.Token[..^4] + (carol.Token.EndsWith("AAAA") ? "BBBB" : "AAAA");
        var response = await Api.PostAsync("{ me { id } }", token: forged);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);

        var expired = Fixture.Issuer.Mint("someone", lifetime: TimeSpan.FromMinutes(-5));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await Api.PostAsync("{ me { id } }", token: expired)).Status);

        var untrusted = Fixture.Issuer.Mint("someone", issuer: "https://evil.example");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await Api.PostAsync("{ me { id } }", token: untrusted)).Status);
    }

    [Fact]
    public async Task An_external_identity_signs_up_without_a_password_and_then_signs_in_with_its_token()
    {
        var token = Fixture.Issuer.Mint("oidc-subject-42");

        var anonymousMe = (await Api.PostAsync("{ me { id } }", token: token)).Ok();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, anonymousMe.GetProperty("me").ValueKind);

        var signUp = await Api.PostAsync(Ops.SignUp,
            new { input = new { handle = "oidc_user", email = "oidc@example.com", birthDate = "1990-01-01" } }, token);
        Assert.Empty(signUp.UserErrors("signUp"));

        var me = (await Api.PostAsync("{ me { handle email } }", token: token)).Ok().GetProperty("me");
        Assert.Equal("oidc_user", me.GetProperty("handle").GetString());
        Assert.Equal("oidc@example.com", me.GetProperty("email").GetString());

        // The same external identity cannot claim a second account.
        var again = await Api.PostAsync(Ops.SignUp,
            new { input = new { handle = "oidc_user2", email = "oidc2@example.com", birthDate = "1990-01-01" } }, token);
        Assert.Equal(["FORBIDDEN"], again.ErrorCodes);
    }
}
