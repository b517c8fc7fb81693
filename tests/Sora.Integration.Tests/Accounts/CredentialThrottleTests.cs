using Sora.GraphQL.Auth;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Accounts;

/// <summary>
/// Credential checks are throttled: one per request, per client address (sign-in and sign-up), and per account with a
/// growing delay. Addresses come through the trusted proxy header, as in production behind a proxy; the tests' own
/// loopback address is exempt from address limits (Sora:Auth:Throttle:ExemptAddresses), accounts are not.
/// </summary>
public sealed class CredentialThrottleTests(AppFixture fixture) : IntegrationTest(fixture)
{
    // Addresses of the documentation ranges, new for every run, so the node's buckets start full.
    private static string Address() => $"198.51.100.{Random.Shared.Next(1, 255)}";

    private Task<GqlResponse> SignInAsync(string login, string password, string? from = null) =>
        Api.PostAsync(Ops.SignIn, new { input = new { login, password } }, forwardedFor: from);

    [Fact]
    public async Task Aliases_get_one_credential_check_per_request()
    {
        await Api.SignUpAsync("carol");
        var response = await Api.PostAsync($$"""
            mutation { a: signIn(input: { login: "carol", password: "{{TestSettings.Password}}" }) { token }
                       b: signIn(input: { login: "carol", password: "wrong one" }) { token errors { code } }
                       c: signIn(input: { login: "carol", password: "wrong two" }) { token errors { code } } }
            """);
        var data = response.Answered();
        Assert.False(string.IsNullOrEmpty(data.GetProperty("a").GetProperty("token").GetString()));
        foreach (var alias in new[] { "b", "c" })
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty(alias).GetProperty("token").ValueKind);
            Assert.Equal("TOO_MANY_CREDENTIAL_CHECKS", data.GetProperty(alias).GetProperty("errors")[0].GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Wrong_passwords_make_the_account_wait_and_the_right_one_waits_too()
    {
        await Api.SignUpAsync("carol");
        await Api.SignUpAsync("dave");
        for (var i = 0; i < 4; i++)
            Assert.Equal(["INVALID_CREDENTIALS"], (await SignInAsync("carol", $"guess {i}")).UserErrors("signIn"));
        Assert.Equal(["INVALID_CREDENTIALS"], (await SignInAsync("CAROL@example.com", "guess 4")).UserErrors("signIn")); // by email: the same account

        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = Ops.SignIn, variables = new { input = new { login = "carol", password = TestSettings.Password } } }),
        };
        using var raw = await Host.Http.SendAsync(request);
        var limited = await GraphQLClient.ReadAsync(raw);
        Assert.Equal(["RATE_LIMITED"], limited.ErrorCodes);
        var retry = limited.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("retryAfterSeconds").GetInt32();
        Assert.InRange(retry, 1, 2);
        Assert.Equal(retry.ToString(), raw.Headers.GetValues("Retry-After").Single());
        // Another account is not held up.
        Assert.False(string.IsNullOrEmpty((await SignInAsync("dave", TestSettings.Password)).Ok().GetProperty("signIn").GetProperty("token").GetString()));
    }

    [Fact]
    public async Task One_address_gets_ten_sign_ins_at_once_then_waits()
    {
        var from = Address();
        for (var i = 0; i < 10; i++)
            Assert.Equal(["INVALID_CREDENTIALS"], (await SignInAsync($"nobody_{i}", "whatever it is", from)).UserErrors("signIn"));
        var limited = await SignInAsync("nobody_10", "whatever it is", from);
        Assert.Equal(["RATE_LIMITED"], limited.ErrorCodes);
        // Another address is not held up.
        Assert.Equal(["INVALID_CREDENTIALS"], (await SignInAsync("nobody_11", "whatever it is", "192.0.2.77")).UserErrors("signIn"));
    }

    [Fact]
    public async Task One_address_gets_ten_sign_ups_then_waits()
    {
        var from = Address();
        for (var i = 0; i < 10; i++)
        {
            var ok = await Api.PostAsync(Ops.SignUp, new { input = new { handle = $"burst_{i}", email = $"burst_{i}@example.com", password = TestSettings.Password, birthDate = "1990-01-01" } },
                forwardedFor: from);
            Assert.Empty(ok.Ok().GetProperty("signUp").GetProperty("errors").EnumerateArray());
        }
        var limited = await Api.PostAsync(Ops.SignUp, new { input = new { handle = "burst_10", email = "burst_10@example.com", password = TestSettings.Password, birthDate = "1990-01-01" } },
            forwardedFor: from);
        Assert.Equal(["RATE_LIMITED"], limited.ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("{ account(handle: \"burst_10\") { id } }")).ErrorCodes);
    }
}
