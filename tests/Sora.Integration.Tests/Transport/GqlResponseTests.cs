using Sora.Integration.Tests.Support;
using Xunit;
using Xunit.Sdk;

namespace Sora.Integration.Tests.Transport;

/// <summary>The test client's own contract: Ok() means the operation did what it was asked, user errors included.</summary>
public sealed class GqlResponseTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Ok_fails_on_a_payload_with_user_errors_and_the_refusal_is_read_with_Refused()
    {
        await Api.SignUpAsync("taken");
        var response = await Api.PostAsync(Ops.SignUp, new
        {
            input = new { handle = "taken", email = "other@example.com", password = TestSettings.Password, birthDate = "1990-01-01" },
        });
        var failure = Assert.ThrowsAny<XunitException>(() => response.Ok());
        Assert.Contains("HANDLE_TAKEN", failure.Message);
        Assert.Equal(["HANDLE_TAKEN"], response.Refused("signUp"));
        Assert.Equal(["HANDLE_TAKEN"], response.UserErrors("signUp"));
        Assert.Equal(["HANDLE_TAKEN"], GqlResponse.PayloadErrors(response.Answered()));

        // Nested and aliased payloads count too; an empty errors list does not.
        var two = await Api.PostAsync($$"""
            mutation { ok: signIn(input: { login: "taken", password: "{{TestSettings.Password}}" }) { token errors { code } }
                       no: signIn(input: { login: "taken", password: "wrong" }) { token errors { code } } }
            """);
        Assert.ThrowsAny<XunitException>(() => two.Ok());
        Assert.Empty(two.UserErrors("ok"));
        Assert.Equal(["TOO_MANY_CREDENTIAL_CHECKS"], two.Refused("no"));
        Assert.ThrowsAny<XunitException>(() => two.Refused("ok"));
    }
}
