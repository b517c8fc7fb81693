using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Transport;

/// <summary>The npm reference clients, unchanged, against the real host.</summary>
public sealed class ReferenceClientTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Graphql_ws_subscribes_receives_the_new_follower_and_completes()
    {
        var alice = await Api.SignUpAsync("alice");
        var bob = await Api.SignUpAsync("bob");
        await using var node = NodeScript.Start("graphql-ws-subscribe.mjs", Host.WebSocketUri.ToString(), alice.Token);
        Assert.Equal("connected", (await node.NextAsync()).GetProperty("status").GetString());
        await Host.WaitForSubscriberAsync(alice.Id);

        (await Api.SocialAsync("follow", alice.Id, bob.Token)).Ok();

        var received = await node.NextAsync();
        Assert.Equal("event", received.GetProperty("status").GetString());
        var userEvent = received.GetProperty("result").GetProperty("data").GetProperty("userEvents");
        Assert.Equal("NEW_FOLLOWER", userEvent.GetProperty("kind").GetString());
        Assert.Equal("bob", userEvent.GetProperty("actor").GetProperty("handle").GetString());
        Assert.Equal("completed", (await node.NextAsync()).GetProperty("status").GetString());
        Assert.Equal(0, await node.ExitCodeAsync());
    }

    [Fact]
    public async Task Graphql_http_runs_a_mutation_and_a_query()
    {
        await using var node = NodeScript.Start("graphql-http-client.mjs", new Uri(Host.BaseAddress, "/graphql").ToString(), "http_client");

        var mutation = await node.NextAsync();
        Assert.Equal("mutation", mutation.GetProperty("step").GetString());
        Assert.Equal("http_client", mutation.GetProperty("result").GetProperty("data").GetProperty("signUp").GetProperty("account").GetProperty("handle").GetString());

        var query = await node.NextAsync();
        Assert.Equal("query", query.GetProperty("step").GetString());
        Assert.Equal("http_client", query.GetProperty("result").GetProperty("data").GetProperty("me").GetProperty("handle").GetString());
        Assert.Equal(0, await node.ExitCodeAsync());
    }

    [Fact]
    public async Task Apollo_client_mutates_queries_and_subscribes()
    {
        var alice = await Api.SignUpAsync("alice");
        var bob = await Api.SignUpAsync("bob");
        await using var node = NodeScript.Start("apollo-client.mjs",
            new Uri(Host.BaseAddress, "/graphql").ToString(), Host.WebSocketUri.ToString(), "alice");

        Assert.Equal("alice", (await node.NextAsync()).GetProperty("data").GetProperty("signIn").GetProperty("account").GetProperty("handle").GetString());
        Assert.Equal(alice.Id.ToString(), (await node.NextAsync()).GetProperty("data").GetProperty("me").GetProperty("id").GetString());
        Assert.Equal("connected", (await node.NextAsync()).GetProperty("step").GetString());
        await Host.WaitForSubscriberAsync(alice.Id);

        (await Api.SocialAsync("follow", alice.Id, bob.Token)).Ok();

        var received = await node.NextAsync();
        Assert.Equal("event", received.GetProperty("step").GetString());
        Assert.Equal("bob", received.GetProperty("data").GetProperty("userEvents").GetProperty("actor").GetProperty("handle").GetString());
        Assert.Equal(0, await node.ExitCodeAsync());
    }

    [Fact]
    /// <summary>
    /// Every MUST and SHOULD passes. Two MAYs are left on purpose: for a client that accepts only application/json the
    /// spec's compatibility rules answer a well-formed request with invalid parameters 200, as legacy clients expect.
    /// </summary>
    public async Task The_graphql_http_server_audit_passes_every_must_and_should()
    {
        await using var node = NodeScript.Start("graphql-http-audit.mjs", new Uri(Host.BaseAddress, "/graphql").ToString());
        var results = new List<System.Text.Json.JsonElement>();
        for (var line = await node.NextAsync(); line.GetProperty("id").GetString() is not ("done" or "error"); line = await node.NextAsync()) results.Add(line);
        Assert.True(results.Count > 20, $"only {results.Count} audits ran");
        var problems = results.Where(r => r.GetProperty("status").GetString() != "ok" && !r.GetProperty("name").GetString()!.StartsWith("MAY ")).Select(r => $"{r.GetProperty("name").GetString()}: {r.GetProperty("reason")}").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
