using Sora.Integration.Tests.Support;
using Sora.Integration.Tests.Transport;
using Xunit;

namespace Sora.Integration.Tests.Messaging;

/// <summary>messageAdded across two API nodes on one database, over graphql-transport-ws (shares the two-node hosts).</summary>
[Collection("two-nodes")]
public sealed class CrossNodeMessageTests(TwoNodesFixture nodes)
{
    private const string Subscription = "subscription($c: ID) { messageAdded(conversationId: $c) { conversationId message { text sender { handle } } } }";

    [Fact]
    public async Task A_message_sent_on_node_B_reaches_its_members_on_node_A_and_nobody_else()
    {
        var onA = new GraphQLClient(nodes.NodeA.Http);
        var onB = new GraphQLClient(nodes.NodeB.Http);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ann = await onA.SignUpAsync($"ann_{suffix}");
        var bob = await onB.SignUpAsync($"bob_{suffix}");
        var eve = await onA.SignUpAsync($"eve_{suffix}");
        (await onB.SocialAsync("follow", ann.Id, bob.Token)).Ok();
        (await onB.SocialAsync("follow", eve.Id, bob.Token)).Ok();
        var conv = await onB.StartedAsync(bob, [ann.Id]);
        var eves = await onB.StartedAsync(bob, [eve.Id]);

        await using var annWs = await WsClient.ConnectAndInitAsync(nodes.NodeA.WebSocketUri, ann.Token);
        await annWs.SubscribeAsync("s", Subscription, new System.Text.Json.Nodes.JsonObject { ["c"] = conv.ToString() });
        await nodes.NodeA.WaitForSubscriberAsync(ann.Id);
        await using var eveWs = await WsClient.ConnectAndInitAsync(nodes.NodeA.WebSocketUri, eve.Token);
        await eveWs.SubscribeAsync("s", Subscription);
        await nodes.NodeA.WaitForSubscriberAsync(eve.Id);
        // Not a member: subscribing to ann's conversation is NOT_FOUND, as the query is.
        await using var snoop = await WsClient.ConnectAndInitAsync(nodes.NodeA.WebSocketUri, eve.Token);
        await snoop.SubscribeAsync("x", Subscription, new System.Text.Json.Nodes.JsonObject { ["c"] = conv.ToString() });
        var refused = await snoop.ReceiveAsync();
        Assert.Equal("error", refused["type"]!.GetValue<string>());
        Assert.Contains("NOT_FOUND", refused.ToJsonString());

        // Anonymous: UNAUTHENTICATED.
        await using var anonymous = await WsClient.ConnectAndInitAsync(nodes.NodeA.WebSocketUri, null);
        await anonymous.SubscribeAsync("a", Subscription);
        Assert.Contains("UNAUTHENTICATED", (await anonymous.ReceiveAsync()).ToJsonString());

        await onB.SentAsync(bob, conv, "for ann only");
        var next = await annWs.ReceiveAsync();
        Assert.Equal("next", next["type"]!.GetValue<string>());
        var added = next["payload"]!["data"]!["messageAdded"]!;
        Assert.Equal(conv.ToString(), added["conversationId"]!.GetValue<string>());
        Assert.Equal("for ann only", added["message"]!["text"]!.GetValue<string>());
        Assert.Equal(bob.Handle, added["message"]!["sender"]!["handle"]!.GetValue<string>());

        // Eve hears her own conversation's message first: nothing of ann's reached her before it.
        await onB.SentAsync(bob, eves, "for eve");
        var evesFirst = await eveWs.ReceiveAsync();
        Assert.Equal("for eve", evesFirst["payload"]!["data"]!["messageAdded"]!["message"]!["text"]!.GetValue<string>());
    }
}
