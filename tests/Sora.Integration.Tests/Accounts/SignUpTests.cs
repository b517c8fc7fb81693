using Marten;
using Npgsql;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Accounts;

public sealed class SignUpTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Sign_up_returns_the_account_a_token_and_derives_teen_status()
    {
        var fifteen = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-15).ToString("yyyy-MM-dd");
        var response = await Api.PostAsync(Ops.SignUp, new
        {
            input = new { handle = "Teen.Maker", email = "Teen@Example.com", password = TestSettings.Password, birthDate = fifteen },
        });

        var payload = response.Ok().GetProperty("signUp");
        var account = payload.GetProperty("account");
        Assert.Equal("teen.maker", account.GetProperty("handle").GetString());
        Assert.Equal("teen@example.com", account.GetProperty("email").GetString());
        Assert.True(account.GetProperty("isTeen").GetBoolean());
        Assert.Equal(["USER"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var me = (await Api.PostAsync("{ me { id handle isTeen } }", token: payload.GetProperty("token").GetString())).Ok();
        Assert.Equal(account.GetProperty("id").GetString(), me.GetProperty("me").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("ab", "ok@example.com", TestSettings.Password, "1990-01-01", "INVALID_HANDLE", "handle")]
    [InlineData("has space", "ok@example.com", TestSettings.Password, "1990-01-01", "INVALID_HANDLE", "handle")]
    [InlineData("admin", "ok@example.com", TestSettings.Password, "1990-01-01", "INVALID_HANDLE", "handle")]
    [InlineData("valid_name", "not-an-email", TestSettings.Password, "1990-01-01", "INVALID_EMAIL", "email")]
    [InlineData("valid_name", "ok@example.com", "short", "1990-01-01", "WEAK_PASSWORD", "password")]
    [InlineData("valid_name", "ok@example.com", "valid_name_and_more", "1990-01-01", "WEAK_PASSWORD", "password")]
    [InlineData("valid_name", "ok@example.com", TestSettings.Password, "2100-01-01", "INVALID_BIRTH_DATE", "birthDate")]
    [InlineData("valid_name", "ok@example.com", TestSettings.Password, "1850-01-01", "INVALID_BIRTH_DATE", "birthDate")]
    public async Task Bad_input_is_a_typed_user_error_and_writes_nothing(
        string handle, string email, string password, string birthDate, string code, string field)
    {
        var response = await Api.PostAsync(Ops.SignUp, new { input = new { handle, email, password, birthDate } });

        var payload = response.Payload("signUp");
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, payload.GetProperty("token").ValueKind);
        await AssertNoEventsAsync();
    }

    [Fact]
    public async Task Under_thirteen_is_refused()
    {
        var twelve = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-12).ToString("yyyy-MM-dd");
        var response = await Api.PostAsync(Ops.SignUp, new
        {
            input = new { handle = "young_one", email = "y@example.com", password = TestSettings.Password, birthDate = twelve },
        });
        Assert.Equal(["TOO_YOUNG"], response.UserErrors("signUp"));
        await AssertNoEventsAsync();
    }

    [Fact]
    public async Task A_malformed_birth_date_is_a_bad_user_input_error()
    {
        var response = await Api.PostAsync(Ops.SignUp, new
        {
            input = new { handle = "valid_name", email = "ok@example.com", password = TestSettings.Password, birthDate = "yesterday" },
        });
        Assert.Contains("BAD_USER_INPUT", response.ErrorCodes);
        await AssertNoEventsAsync();
    }

    [Fact]
    public async Task Handle_and_email_are_unique_case_insensitively()
    {
        await Api.SignUpAsync("taken");

        var sameHandle = await Api.PostAsync(Ops.SignUp, new
        {
            input = new { handle = "TAKEN", email = "other@example.com", password = TestSettings.Password, birthDate = "1990-01-01" },
        });
        Assert.Equal(["HANDLE_TAKEN"], sameHandle.UserErrors("signUp"));

        var sameEmail = await Api.PostAsync(Ops.SignUp, new
        {
            input = new { handle = "someone_else", email = "Taken@Example.com", password = TestSettings.Password, birthDate = "1990-01-01" },
        });
        Assert.Equal(["EMAIL_TAKEN"], sameEmail.UserErrors("signUp"));
    }

    [Fact]
    public async Task Concurrent_sign_ups_for_one_handle_create_exactly_one_account()
    {
        const int attempts = 16;
        var results = await Task.WhenAll(Enumerable.Range(0, attempts).Select(i => Api.PostAsync(Ops.SignUp, new
        {
            input = new { handle = "race", email = $"racer{i}@example.com", password = TestSettings.Password, birthDate = "1990-01-01" },
        })));

        var winners = results.Count(r => r.UserErrors("signUp").Count == 0);
        Assert.Equal(1, winners);
        Assert.All(results.Where(r => r.UserErrors("signUp").Count > 0), r => Assert.Equal(["HANDLE_TAKEN"], r.UserErrors("signUp")));

        await using var session = Host.Store.QuerySession();
        Assert.Equal(1, await session.Query<Sora.Domain.Accounts.Account>().CountAsync(a => a.Handle == "race"));
    }

    [Fact]
    public async Task A_signed_in_account_cannot_sign_up_again()
    {
        var alice = await Api.SignUpAsync("alice");
        var response = await Api.PostAsync(Ops.SignUp, new
        {
            input = new { handle = "alice2", email = "alice2@example.com", password = TestSettings.Password, birthDate = "1990-01-01" },
        }, alice.Token);
        Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
    }

    [Fact]
    public async Task Personal_data_never_reaches_the_event_store()
    {
        await Api.PostAsync(Ops.SignUp, new
        {
            input = new { handle = "private_person", email = "very.private@example.com", password = TestSettings.Password, birthDate = "1987-03-21" },
        });

        await using var connection = new NpgsqlConnection(Sora.GraphQL.Composition.DatabaseUrl.ToConnectionString(TestSettings.DatabaseUrl));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*), count(*) filter (where data::text ilike '%very.private%' or data::text like '%1987-03-21%' or data::text ilike '%pbkdf2%') from sora_it.mt_events",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.True(reader.GetInt64(0) > 0);
        Assert.Equal(0, reader.GetInt64(1));

        // The vault holds it sealed: the plain address appears nowhere in the documents either.
        await reader.CloseAsync();
        await using var docs = new NpgsqlCommand("select count(*) from sora_it.mt_doc_sealedrecord where data::text ilike '%very.private%'", connection);
        Assert.Equal(0L, (long)(await docs.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Events_carry_correlation_and_the_acting_account()
    {
        var alice = await Api.SignUpAsync("alice");
        var bob = await Api.SignUpAsync("bob");
        (await Api.SocialAsync("follow", bob.Id, alice.Token)).Ok();

        await using var session = Host.Store.QuerySession();
        var followed = (await session.Events.QueryAllRawEvents().ToListAsync())
            .Single(e => e.Data is Sora.Domain.Social.Followed);
        Assert.False(string.IsNullOrEmpty(followed.CorrelationId));
        Assert.Equal(alice.Id.ToString(), followed.UserName);
    }

    private async Task AssertNoEventsAsync()
    {
        await using var session = Host.Store.QuerySession();
        Assert.Equal(0, await session.Events.QueryAllRawEvents().CountAsync());
    }
}
