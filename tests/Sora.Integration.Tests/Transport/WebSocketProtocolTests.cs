using System.Text.Json.Nodes;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Transport;

/// <summary>graphql-transport-ws, message by message and close code by close code.</summary>
public sealed class WebSocketProtocolTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string UserEvents = "subscription { userEvents { kind sequence actor { handle } } }";

    [Fact]
    public async Task A_subscriber_hears_its_new_follower_and_can_complete()
    {
        var alice = await Api.SignUpAsync("alice");
        var bob = await Api.SignUpAsync("bob");
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, alice.Token);
        await ws.SubscribeAsync("s1", UserEvents);
        await Host.WaitForSubscriberAsync(alice.Id);

        (await Api.SocialAsync("follow", alice.Id, bob.Token)).Ok();

        var next = await ws.ReceiveAsync();
        Assert.Equal("next", next["type"]!.GetValue<string>());
        Assert.Equal("s1", next["id"]!.GetValue<string>());
        var userEvent = next["payload"]!["data"]!["userEvents"]!;
        Assert.Equal("NEW_FOLLOWER", userEvent["kind"]!.GetValue<string>());
        Assert.Equal("bob", userEvent["actor"]!["handle"]!.GetValue<string>());

        // The client completes; the server sends nothing more for s1 and the socket stays usable.
        await ws.SendAsync(new JsonObject { ["id"] = "s1", ["type"] = "complete" });
        await ws.SendAsync(new JsonObject { ["type"] = "ping" });
        Assert.Equal("pong", (await ws.ReceiveAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Queries_and_mutations_over_the_socket_answer_next_then_complete()
    {
        var alice = await Api.SignUpAsync("alice");
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, alice.Token);
        await ws.SubscribeAsync("q1", "{ me { handle } }");

        var next = await ws.ReceiveAsync();
        Assert.Equal("next", next["type"]!.GetValue<string>());
        Assert.Equal("alice", next["payload"]!["data"]!["me"]!["handle"]!.GetValue<string>());
        var complete = await ws.ReceiveAsync();
        Assert.Equal("complete", complete["type"]!.GetValue<string>());
        Assert.Equal("q1", complete["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_operations_get_an_error_message_and_the_socket_stays_open()
    {
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SubscribeAsync("bad", "subscription { nope }");
        var error = await ws.ReceiveAsync();
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Equal("bad", error["id"]!.GetValue<string>());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());

        // Anonymous connections may run public operations but not subscribe to a user's events.
        await ws.SubscribeAsync("anon", UserEvents);
        var refused = await ws.ReceiveAsync();
        Assert.Equal("error", refused["type"]!.GetValue<string>());
        Assert.Equal("UNAUTHENTICATED", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());

        // The id of a finished operation may be reused.
        await ws.SubscribeAsync("bad", "{ __typename }");
        Assert.Equal("next", (await ws.ReceiveAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ping_is_answered_with_pong_echoing_the_payload()
    {
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SendAsync(new JsonObject { ["type"] = "ping", ["payload"] = new JsonObject { ["n"] = 7 } });
        var pong = await ws.ReceiveAsync();
        Assert.Equal("pong", pong["type"]!.GetValue<string>());
        Assert.Equal(7, pong["payload"]!["n"]!.GetValue<int>());

        await ws.SendAsync(new JsonObject { ["type"] = "pong" }); // unsolicited pongs are fine
        await ws.SendAsync(new JsonObject { ["type"] = "ping" });
        var bare = await ws.ReceiveAsync();
        Assert.Equal("pong", bare["type"]!.GetValue<string>());
        Assert.False(bare.ContainsKey("payload"));
    }

    [Fact]
    public async Task Wrong_subprotocol_closes_4406()
    {
        await using var ws = await WsClient.ConnectAsync(Host.WebSocketUri, subprotocol: "graphql-ws");
        Assert.Equal(4406, (await ws.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task No_connection_init_within_the_timeout_closes_4408()
    {
        await using var ws = await WsClient.ConnectAsync(Host.WebSocketUri);
        var close = await ws.ReceiveCloseAsync();
        Assert.Equal(4408, close.Code);
        Assert.Equal("Connection initialisation timeout", close.Reason);
    }

    [Fact]
    public async Task A_second_connection_init_closes_4429()
    {
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SendAsync(new JsonObject { ["type"] = "connection_init" });
        Assert.Equal(4429, (await ws.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Subscribe_before_ack_closes_4401()
    {
        await using var ws = await WsClient.ConnectAsync(Host.WebSocketUri);
        await ws.SubscribeAsync("early", "{ __typename }");
        Assert.Equal(4401, (await ws.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_rejected_token_closes_4403()
    {
        await using var ws = await WsClient.ConnectAsync(Host.WebSocketUri);
        await ws.SendAsync(new JsonObject
        {
            ["type"] = "connection_init",
            ["payload"] = new JsonObject { ["authorization"] = "Bearer " + Fixture.Issuer.Mint("x", issuer: "https://evil.example") },
        });
        Assert.Equal(4403, (await ws.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Reusing_a_live_subscription_id_closes_4409()
    {
        var alice = await Api.SignUpAsync("alice");
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, alice.Token);
        await ws.SubscribeAsync("dup", UserEvents);
        await ws.SubscribeAsync("dup", UserEvents);
        var close = await ws.ReceiveCloseAsync();
        Assert.Equal(4409, close.Code);
        Assert.Equal("Subscriber for dup already exists", close.Reason);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":\"launch_missiles\"}")]
    [InlineData("{\"payload\":{}}")]
    [InlineData("{\"type\":\"next\",\"id\":\"x\",\"payload\":{}}")]
    [InlineData("{\"type\":\"connection_init\",\"payload\":\"token\"}")]
    public async Task Malformed_or_unexpected_messages_close_4400(string raw)
    {
        await using var ws = await WsClient.ConnectAsync(Host.WebSocketUri);
        await ws.SendTextAsync(raw);
        Assert.Equal(4400, (await ws.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_subscribe_without_a_query_closes_4400()
    {
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SendAsync(new JsonObject { ["id"] = "x", ["type"] = "subscribe", ["payload"] = new JsonObject() });
        Assert.Equal(4400, (await ws.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_1008_instead_of_growing_server_memory()
    {
        var reader = await Api.SignUpAsync("slow_reader");
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, reader.Token);
        // 24 MB of pings, nothing read meanwhile: every pong echoes 60 KB (the server keeps at most
        // Sora:GraphQL:MaxSocketQueueBytes, 512 KB in the tests, waiting for a socket).
        var ping = new JsonObject { ["type"] = "ping", ["payload"] = new JsonObject { ["pad"] = new string('p', 60_000) } }.ToJsonString();
        for (var i = 0; i < 400; i++) await ws.SendTextAsync(ping);
        var (pongs, code, reason) = await ws.DrainUntilCloseAsync();
        Assert.Equal(1008, code);
        Assert.Contains("not reading", reason);
        Assert.True(pongs < 400, $"{pongs} pongs: nothing was dropped");
    }

    [Fact]
    public async Task Operations_per_socket_are_capped_and_the_socket_stays_usable()
    {
        var alice = await Api.SignUpAsync("alice");
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, alice.Token);
        for (var i = 0; i < 4; i++) await ws.SubscribeAsync($"s{i}", UserEvents); // Sora:GraphQL:MaxOperationsPerSocket is 4 in the tests
        await ws.SubscribeAsync("s4", UserEvents);
        var refused = await ws.ReceiveAsync();
        Assert.Equal(("error", "s4"), (refused["type"]!.GetValue<string>(), refused["id"]!.GetValue<string>()));
        Assert.Equal("TOO_MANY_OPERATIONS", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());

        await ws.SendAsync(new JsonObject { ["id"] = "s0", ["type"] = "complete" });
        await ws.SubscribeAsync("s5", UserEvents);
        await ws.SendAsync(new JsonObject { ["type"] = "ping" });
        Assert.Equal("pong", (await ws.ReceiveAsync())["type"]!.GetValue<string>());
    }
}
