using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sora.GraphQL.Transport;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Transport;

/// <summary>
/// Documents that ask for unbounded work are refused before validation spends time on them, answers stay small, and
/// the validated-document cache stays bounded in bytes (docs/graphql.md, "Limits"). The time ceiling is generous: the
/// shapes took 0.9 to 31 s of server time before the budget existed, a few milliseconds with it
/// (./sora bench api).
/// </summary>
public sealed class DocumentLimitTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromMilliseconds(750);

    public static TheoryData<string, string> Hostile()
    {
        var bomb = new StringBuilder("query { me { ...F21 } }\nfragment F0 on Account { id }\n");
        for (var i = 1; i < 22; i++) bomb.Append($"fragment F{i} on Account {{ ...F{i - 1} ...F{i - 1} }}\n");
        return new TheoryData<string, string>
        {
            { "fragment bomb", bomb.ToString() },
            { "repeated fields", "{ me { " + string.Concat(Enumerable.Repeat("id ", 8000)) + "} }" },
            { "conflicting aliases", "{ " + string.Concat(Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? "x: me { id } " : "x: __typename ")) + "}" },
            { "conflicting aliases under the field budget", "{ " + string.Concat(Enumerable.Range(0, 600).Select(i => i % 2 == 0 ? "x: me { id } " : "x: __typename ")) + "}" },
            { "aliased introspection", "{ " + string.Concat(Enumerable.Range(0, 1000).Select(i => $"s{i}: __schema {{ types {{ name fields {{ name }} }} }} ")) + "}" },
            { "introspection under the field budget, aliased", "{ " + string.Concat(Enumerable.Range(0, 400).Select(i => $"s{i}: __schema {{ types {{ fields {{ args {{ name }} }} }} }} ")) + "}" },
            { "a chain of fragments deeper than the stack should go", ChainOfFragments(2000) },
            { "a fragment that spreads itself", "query { me { ...A } } fragment A on Account { id ...B } fragment B on Account { ...A }" },
        };
    }

    private static string ChainOfFragments(int links)
    {
        var chain = new StringBuilder("query { me { ...L0 } }\n");
        for (var i = 0; i < links; i++) chain.Append($"fragment L{i} on Account {{ ...L{i + 1} }}\n");
        return chain.Append($"fragment L{links} on Account {{ id }}\n").ToString();
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_document_asking_for_unbounded_work_is_refused_quickly_with_a_small_answer(string shape, string query)
    {
        var account = await Api.SignUpAsync("hostile");
        var clock = Stopwatch.StartNew();
        var response = await Api.PostAsync(query, token: account.Token);
        clock.Stop();
        Assert.True(clock.Elapsed < Ceiling, $"{shape}: {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Contains(response.ErrorCodes.Single(), new[] { "QUERY_TOO_LARGE", "GRAPHQL_VALIDATION_FAILED" });
        Assert.True(response.Body.GetRawText().Length < 2_000, shape);
        Assert.False(response.Body.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object);
    }

    [Fact]
    public async Task One_plain_introspection_query_is_answered_and_so_are_ordinary_fragments()
    {
        var account = await Api.SignUpAsync("curious");
        var schema = (await Api.PostAsync("{ __schema { queryType { name } types { name kind fields { name type { name kind ofType { name kind } } } } } }"))
            .Ok().GetProperty("__schema");
        Assert.Equal("Query", schema.GetProperty("queryType").GetProperty("name").GetString());
        // Overlapping fragments within the limits are ordinary GraphQL.
        var me = (await Api.PostAsync("query { me { ...A ...B id } } fragment A on Account { id handle } fragment B on Account { id handle }",
            token: account.Token)).Ok().GetProperty("me");
        Assert.Equal("curious", me.GetProperty("handle").GetString());
    }

    [Fact]
    public async Task Errors_in_one_answer_are_capped()
    {
        var response = await Api.PostAsync("{ me { " + string.Concat(Enumerable.Range(0, 40).Select(i => $"nope{i} ")) + "} }");
        Assert.Equal(26, response.ErrorCodes.Count);
        Assert.Equal("TOO_MANY_ERRORS", response.ErrorCodes[^1]);
    }

    [Fact]
    public async Task The_document_cache_is_bounded_in_bytes_whatever_is_sent()
    {
        var runner = Host.Services.GetRequiredService<GraphQLRunner>();
        const int limit = 1024 * 1024; // Sora:GraphQL:MaxCachedDocumentBytes in the test settings
        for (var i = 0; i < 120; i++)
        {
            // Distinct, valid, executed documents of about 10 KB (20 KB as text in memory).
            var padding = new string(' ', 10_000);
            Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync($"query Q{i} {{ __typename{padding}}}")).Status);
            Assert.True(runner.CachedBytes <= limit, $"{runner.CachedBytes} bytes after {i + 1} documents");
        }
        Assert.True(runner.CachedBytes > 0);
    }
}
