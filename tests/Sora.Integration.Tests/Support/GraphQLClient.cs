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

    /// <summary>
    /// Asserts the operation fully succeeded and returns data: no top-level errors, and no payload anywhere in data
    /// with user errors (a non-empty <c>errors: [UserError!]!</c>). A test that expects a refusal reads it with
    /// <see cref="Payload"/>, <see cref="UserErrors"/> or <see cref="Refused"/> instead.
    /// </summary>
    public JsonElement Ok()
    {
        Assert.True(ErrorCodes.Count == 0, $"unexpected errors: {Body}");
        var refused = PayloadErrors(Data).ToList();
        Assert.True(refused.Count == 0, $"unexpected user errors ({string.Join(", ", refused)}): {Body}");
        return Data;
    }

    /// <summary>Data as answered, payload user errors included; asserts there were no top-level errors.</summary>
    public JsonElement Answered()
    {
        Assert.True(ErrorCodes.Count == 0, $"unexpected errors: {Body}");
        return Data;
    }

    /// <summary>A field's payload as answered, user errors included; asserts there were no top-level errors.</summary>
    public JsonElement Payload(string field) => Answered().GetProperty(field);

    /// <summary>The user-error codes of a mutation payload (empty when it succeeded).</summary>
    public IReadOnlyList<string> UserErrors(string mutation) =>
        Data.GetProperty(mutation).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();

    /// <summary>Asserts the payload refused with user errors (and no top-level error), and returns their codes.</summary>
    public IReadOnlyList<string> Refused(string field)
    {
        var codes = Payload(field).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();
        Assert.True(codes.Count > 0, $"expected user errors in {field}: {Body}");
        return codes;
    }

    /// <summary>The codes of every user error in data, at any depth: each object's non-empty "errors" list of {code …}.</summary>
    public static IEnumerable<string> PayloadErrors(JsonElement data)
    {
        switch (data.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in data.EnumerateObject())
                {
                    if (property.Name == "errors" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var error in property.Value.EnumerateArray())
                            yield return error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code) ? code.ToString() : error.ToString();
                        continue;
                    }
                    foreach (var nested in PayloadErrors(property.Value)) yield return nested;
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in data.EnumerateArray())
                foreach (var nested in PayloadErrors(item))
                    yield return nested;
                break;
        }
    }
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

    /// <summary>An admin grants a role; roles are read per request, so the account's token in hand holds it at once.</summary>
    public async Task GrantRoleAsync(TestAccount admin, TestAccount account, string role) =>
        (await PostAsync("mutation($i: ChangeRoleInput!) { grantRole(input: $i) { errors { code } } }",
            new { i = new { accountId = account.Id, role } }, admin.Token)).Ok();

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
