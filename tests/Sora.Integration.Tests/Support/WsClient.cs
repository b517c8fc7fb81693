using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Sora.Integration.Tests.Support;

/// <summary>A raw WebSocket client for protocol tests: it sends exactly what a test says, even if it is wrong.</summary>
public sealed class WsClient : IAsyncDisposable
{
    /// <summary>How long a receive waits before failing the test (longer where a test waits on node failover).</summary>
    public TimeSpan Patience { get; set; } = TimeSpan.FromSeconds(15);
    private readonly ClientWebSocket _socket = new();

    public static async Task<WsClient> ConnectAsync(Uri uri, string? subprotocol = "graphql-transport-ws")
    {
        var client = new WsClient();
        if (subprotocol is not null) client._socket.Options.AddSubProtocol(subprotocol);
        await client._socket.ConnectAsync(uri, CancellationToken.None);
        return client;
    }

    /// <summary>Connects, sends connection_init (with a token if given) and expects connection_ack.</summary>
    public static async Task<WsClient> ConnectAndInitAsync(Uri uri, string? token)
    {
        var client = await ConnectAsync(uri);
        await client.SendAsync(token is null
            ? new JsonObject { ["type"] = "connection_init" }
            : new JsonObject { ["type"] = "connection_init", ["payload"] = new JsonObject { ["authorization"] = $"Bearer {token}" } });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())["type"]!.GetValue<string>());
        return client;
    }

    public Task SendAsync(JsonObject message) => SendTextAsync(message.ToJsonString());

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SubscribeAsync(string id, string query, JsonObject? variables = null) => SendAsync(new JsonObject
    {
        ["id"] = id,
        ["type"] = "subscribe",
        ["payload"] = new JsonObject { ["query"] = query, ["variables"] = variables },
    });

    /// <summary>The next message, or fails the test after a generous timeout (a deadline, not a sleep).</summary>
    public async Task<JsonObject> ReceiveAsync()
    {
        var (message, close) = await ReceiveOrCloseAsync();
        Assert.True(message is not null, $"expected a message, got close {close}");
        return message!;
    }

    /// <summary>Waits for the server to close the socket and returns the close code and reason.</summary>
    public async Task<(int Code, string? Reason)> ReceiveCloseAsync()
    {
        while (true)
        {
            var (message, close) = await ReceiveOrCloseAsync();
            if (close is not null) return close.Value;
            Assert.Fail($"expected close, got {message}");
        }
    }

    /// <summary>Reads on until the server closes: the messages before the close, and the close itself.</summary>
    public async Task<(int Messages, int Code, string? Reason)> DrainUntilCloseAsync()
    {
        var messages = 0;
        while (true)
        {
            var (message, close) = await ReceiveOrCloseAsync();
            if (close is { } c) return (messages, c.Item1, c.Item2);
            messages++;
        }
    }

    private async Task<(JsonObject? Message, (int, string?)? Close)> ReceiveOrCloseAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                return (null, ((int)result.CloseStatus!.Value, result.CloseStatusDescription));
            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return ((JsonObject)JsonNode.Parse(text.ToArray())!, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }
        _socket.Dispose();
    }
}
