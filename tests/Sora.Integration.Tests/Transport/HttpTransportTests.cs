using System.Net;
using System.Text;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Transport;

/// <summary>The GraphQL-over-HTTP rules, as the spec states them.</summary>
public sealed class HttpTransportTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string ResponseType = "application/graphql-response+json";

    [Fact]
    public async Task Get_runs_queries_with_variables_and_operation_name()
    {
        await Api.SignUpAsync("gina");
        var query = Uri.EscapeDataString("query A { __typename } query B($h: String) { account(handle: $h) { handle } }");
        var variables = Uri.EscapeDataString("{\"h\":\"gina\"}");
        var response = await Send(HttpMethod.Get, $"/graphql?query={query}&variables={variables}&operationName=B", accept: ResponseType);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(ResponseType, response.ContentType);
        Assert.Equal("gina", response.Ok().GetProperty("account").GetProperty("handle").GetString());
    }

    [Fact]
    public async Task A_mutation_over_get_is_405_and_writes_nothing()
    {
        var mutation = Uri.EscapeDataString("mutation { signIn(input: { login: \"x\", password: \"y\" }) { token } }");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={mutation}");
        using var raw = await Host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, raw.StatusCode);
        Assert.Contains("POST", raw.Content.Headers.Allow);
        Assert.Equal(["METHOD_NOT_ALLOWED"], (await GraphQLClient.ReadAsync(raw)).ErrorCodes);
    }

    [Fact]
    public async Task Parse_and_validation_failures_are_400_with_the_modern_type_and_200_with_plain_json()
    {
        var parse = await Send(HttpMethod.Post, "/graphql", "{\"query\":\"{ me { \"}", accept: ResponseType);
        Assert.Equal(HttpStatusCode.BadRequest, parse.Status);
        Assert.Equal(["GRAPHQL_PARSE_FAILED"], parse.ErrorCodes);

        var invalid = await Send(HttpMethod.Post, "/graphql", "{\"query\":\"{ nope }\"}", accept: ResponseType);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], invalid.ErrorCodes);

        var legacy = await Send(HttpMethod.Post, "/graphql", "{\"query\":\"{ nope }\"}", accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, legacy.Status);
        Assert.Equal("application/json", legacy.ContentType);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], legacy.ErrorCodes);

        var badVariable = await Send(HttpMethod.Post, "/graphql",
            "{\"query\":\"query($f: Int) { me { followers(first: $f) { edges { cursor } } } }\",\"variables\":{\"f\":\"ten\"}}", accept: ResponseType);
        Assert.Equal(HttpStatusCode.BadRequest, badVariable.Status);
        Assert.Equal(["BAD_USER_INPUT"], badVariable.ErrorCodes);
    }

    [Fact]
    public async Task Malformed_requests_get_4xx_with_a_code()
    {
        var notJson = await Send(HttpMethod.Post, "/graphql", "{query: nope", accept: ResponseType);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.Equal(["BAD_REQUEST"], notJson.ErrorCodes);

        var noQuery = await Send(HttpMethod.Post, "/graphql", "{\"variables\":{}}", accept: ResponseType);
        Assert.Equal(HttpStatusCode.BadRequest, noQuery.Status);

        var wrongType = await Send(HttpMethod.Post, "/graphql", "query { me { id } }", accept: ResponseType, contentType: "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.Status);

        var unacceptable = await Send(HttpMethod.Post, "/graphql", "{\"query\":\"{ __typename }\"}", accept: "text/html");
        Assert.Equal(HttpStatusCode.NotAcceptable, unacceptable.Status);

        var put = await Send(HttpMethod.Put, "/graphql", "{\"query\":\"{ __typename }\"}", accept: ResponseType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.Status);

        var huge = await Send(HttpMethod.Post, "/graphql", $"{{\"query\":\"{{ __typename }}\",\"extensions\":{{\"pad\":\"{new string('x', 300_000)}\"}}}}", accept: ResponseType);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);

        var subscription = await Send(HttpMethod.Post, "/graphql", "{\"query\":\"subscription { userEvents { kind } }\"}", accept: ResponseType);
        Assert.Equal(HttpStatusCode.BadRequest, subscription.Status);
        Assert.Equal(["OPERATION_NOT_SUPPORTED"], subscription.ErrorCodes);
    }

    [Fact]
    public async Task Depth_and_cost_limits_refuse_expensive_queries_before_execution()
    {
        var alice = await Api.SignUpAsync("alice");
        var deep = "{ me { followers { edges { node { followers { edges { node { followers { edges { node { handle } } } } } } } } } } }";
        var tooDeep = await Api.PostAsync(deep, token: alice.Token);
        Assert.Equal(HttpStatusCode.BadRequest, tooDeep.Status);
        Assert.Equal(["QUERY_TOO_DEEP"], tooDeep.ErrorCodes);

        var wide = "{ me { followers(first: 100) { edges { node { followers(first: 100) { edges { cursor } } } } } } }";
        var tooCostly = await Api.PostAsync(wide, token: alice.Token);
        Assert.Equal(HttpStatusCode.BadRequest, tooCostly.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], tooCostly.ErrorCodes);
    }

    [Fact]
    public async Task Field_errors_keep_200_and_partial_data()
    {
        var alice = await Api.SignUpAsync("alice");
        var bob = await Api.SignUpAsync("bob");
        var response = await Api.PostAsync("query($h: String) { account(handle: $h) { handle email } }", new { h = "alice" }, bob.Token);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("alice", response.Data.GetProperty("account").GetProperty("handle").GetString());
        Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
        Assert.NotEqual(alice.Id, bob.Id);
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData(null)]
    public async Task A_client_that_accepts_anything_or_sends_no_accept_gets_application_json(string? accept)
    {
        var response = await Send(HttpMethod.Post, "/graphql", "{\"query\":\"{ __typename }\"}", accept: accept);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("Query", response.Ok().GetProperty("__typename").GetString());
    }

    [Theory]
    [InlineData("{\"query\":\"query A { __typename } query B { __typename }\",\"operationName\":\"C\"}", "OPERATION_NOT_FOUND")]
    [InlineData("{\"query\":\"query A { __typename }\",\"operationName\":\"Nope\"}", "OPERATION_NOT_FOUND")]
    [InlineData("{\"query\":\"query A { __typename } query B { __typename }\"}", "OPERATION_NAME_REQUIRED")]
    public async Task A_wrong_or_missing_operation_name_is_a_request_error_not_a_server_error(string body, string code)
    {
        // Twice: the second time the document comes from the validated-document cache.
        for (var i = 0; i < 2; i++)
        {
            var response = await Send(HttpMethod.Post, "/graphql", body, accept: ResponseType);
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal([code], response.ErrorCodes);
        }
        Assert.Equal("Query", (await Send(HttpMethod.Post, "/graphql", "{\"query\":\"query A { a: __typename } query B { __typename }\",\"operationName\":\"A\"}",
            accept: ResponseType)).Ok().GetProperty("a").GetString());
    }

    private async Task<GqlResponse> Send(HttpMethod method, string path, string? body = null, string? accept = null,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await Api.SendAsync(request);
    }
}

/// <summary>Tools read the schema with the standard (deep) introspection query; the limits must not stop them.</summary>
public sealed class IntrospectionTests(AppFixture fixture) : IntegrationTest(fixture)
{
    // graphql-js getIntrospectionQuery(), as GraphiQL and Apollo tooling send it.
    private const string StandardIntrospection = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;

    [Fact]
    public async Task The_standard_introspection_query_passes_the_depth_and_cost_limits()
    {
        var data = (await Api.PostAsync(StandardIntrospection)).Ok();
        var types = data.GetProperty("__schema").GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("Account", types);
        Assert.Contains("UserError", types);
    }

    [Fact]
    public async Task Introspection_cannot_smuggle_a_deep_data_query_past_the_limit()
    {
        var alice = await Api.SignUpAsync("alice");
        var mixed = "{ __typename me { followers { edges { node { followers { edges { node { followers { edges { node { handle } } } } } } } } } } }";
        Assert.Equal(["QUERY_TOO_DEEP"], (await Api.PostAsync(mixed, token: alice.Token)).ErrorCodes);
    }
}
