using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.GraphQL.Notifications;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Transport;

/// <summary>Two API nodes on one database, as in a scaled-out deployment (HotCold daemon, shared queues).</summary>
public sealed class TwoNodesFixture : IAsyncLifetime
{
    public ExternalIssuer Issuer { get; } = new();
    public RunningHost NodeA { get; private set; } = null!;
    public RunningHost NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var hotCold = new Dictionary<string, string?> { ["Sora:Daemon"] = "HotCold" };
        NodeA = await RunningHost.StartAsync("sora_multi", Issuer, overrides: hotCold);
        NodeB = await RunningHost.StartAsync("sora_multi", Issuer, overrides: hotCold);
        await NodeA.Store.Advanced.ResetAllData();
    }

    public async Task DisposeAsync()
    {
        await NodeB.DisposeAsync();
        await NodeA.DisposeAsync();
    }
}

[CollectionDefinition("two-nodes")]
public sealed class TwoNodesCollection : ICollectionFixture<TwoNodesFixture>;

[Collection("two-nodes")]
public sealed class CrossNodeNotificationTests(TwoNodesFixture nodes)
{
    [Fact]
    public async Task A_subscriber_on_node_A_hears_a_follow_made_on_node_B()
    {
        var onA = new GraphQLClient(nodes.NodeA.Http);
        var onB = new GraphQLClient(nodes.NodeB.Http);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var alice = await onA.SignUpAsync($"alice_{suffix}");
        var bob = await onB.SignUpAsync($"bob_{suffix}");

        await using var ws = await WsClient.ConnectAndInitAsync(nodes.NodeA.WebSocketUri, alice.Token);
        await ws.SubscribeAsync("s", "subscription { userEvents { id kind actor { handle } } }");
        await nodes.NodeA.WaitForSubscriberAsync(alice.Id);

        (await onB.SocialAsync("follow", alice.Id, bob.Token)).Ok();

        var next = await ws.ReceiveAsync();
        Assert.Equal("next", next["type"]!.GetValue<string>());
        Assert.Equal(bob.Handle, next["payload"]!["data"]!["userEvents"]!["actor"]!["handle"]!.GetValue<string>());
        // The item the push names is in alice's inbox, whichever node she asks.
        var inbox = (await onA.PostAsync("{ inbox { edges { node { id } } } }", token: alice.Token)).Ok().GetProperty("inbox").Nodes();
        Assert.Equal(next["payload"]!["data"]!["userEvents"]!["id"]!.GetValue<string>(), Assert.Single(inbox).GetProperty("id").GetString());
        // Node B had no subscriber for alice: the event reached A only through PostgreSQL.
        Assert.Equal(0, nodes.NodeB.Services.GetRequiredService<NotificationHub>().SubscriberCount);
    }
}
