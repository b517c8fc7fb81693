using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Sora.Integration.Tests.Support;

/// <summary>A response as a client sees it: status, content type and the JSON body.</summary>
public sealed record GqlResponse(HttpStatusCode Status, string? ContentType, JsonElement Body)
{
    public JsonElement Data => Body.GetProperty("data");

    public IReadOnlyList<string> ErrorCodes =>
        Body.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()!).ToList()
            : [];

    /// <summary>Asserts there were no top-level errors and returns data.</summary>
    public JsonElement Ok()
    {
        Assert.True(ErrorCodes.Count == 0, $"unexpected errors: {Body}");
        return Data;
    }

    /// <summary>The user-error codes of a mutation payload.</summary>
    public IReadOnlyList<string> UserErrors(string mutation) =>
        Data.GetProperty(mutation).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();
}

/// <summary>POSTs GraphQL over HTTP the way a client does, with an optional bearer token.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    /// <summary>The extensions.code of each top-level error in a raw response body.</summary>
    public static IReadOnlyList<string> Codes(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) ? errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()!).ToList() : [];

    public async Task<GqlResponse> PostAsync(string query, object? variables = null, string? token = null, string? operationName = null,
        string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await SendAsync(request);
    }

    public static async Task<GqlResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone();
        return new GqlResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public async Task<GqlResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        return await ReadAsync(response);
    }

    /// <summary>Signs up a fresh account and returns its id and token.</summary>
    public async Task<TestAccount> SignUpAsync(string handle, string birthDate = "1995-06-15")
    {
        var response = await PostAsync(Ops.SignUp, new
        {
            input = new { handle, email = $"{handle}@example.com", password = TestSettings.Password, birthDate },
        });
        var payload = response.Ok().GetProperty("signUp");
        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        return new TestAccount(Guid.Parse(payload.GetProperty("account").GetProperty("id").GetString()!), handle,
            payload.GetProperty("token").GetString()!);
    }

    public Task<GqlResponse> SocialAsync(string mutation, Guid target, string? token) =>
        PostAsync($"mutation($id: ID!) {{ {mutation}(input: {{ accountId: $id }}) {{ account {{ handle viewerFollows viewerBlocks followsViewer }} errors {{ code field }} }} }}",
            new { id = target }, token);
}

/// <summary>Reading Relay connections.</summary>
public static class Connections
{
    /// <summary>The nodes of a connection's edges, in order.</summary>
    public static JsonElement[] Nodes(this JsonElement connection) =>
        connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToArray();
}

public sealed record TestAccount(Guid Id, string Handle, string Token);

/// <summary>Operations reused across tests.</summary>
public static class Ops
{
    public const string SignUp = """
        mutation SignUp($input: SignUpInput!) {
          signUp(input: $input) { token account { id handle email birthDate isTeen roles } errors { code message field } }
        }
        """;

    public const string SignIn = """
        mutation SignIn($input: SignInInput!) { signIn(input: $input) { token account { id handle } errors { code field } } }
        """;
}
