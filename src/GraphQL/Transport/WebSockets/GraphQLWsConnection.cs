using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Transport.WebSockets;

/// <summary>
/// One socket speaking graphql-transport-ws, to the letter: connection_init within the timeout (else 4408),
/// one init only (4429), a rejected token closes with 4403, subscribe before ack closes with 4401, a reused
/// live id with 4409, anything malformed with 4400. All writes go through one channel and one writer task,
/// because a WebSocket allows only one outstanding send.
/// </summary>
public sealed class GraphQLWsConnection(
    WebSocket socket, IServiceScopeFactory scopes, IGraphQLTextSerializer serializer, Composition.GraphQLLimits limits, string connectionId,
    ILogger<GraphQLWsConnection> logger)
{
    private const int MaxMessageBytes = 256 * 1024;
    private readonly TimeSpan initTimeout = TimeSpan.FromSeconds(limits.ConnectionInitTimeoutSeconds);
    // Unbounded as a channel, bounded in bytes by Enqueue: a client that stops reading (while sending pings, or while a
    // subscription streams) cannot make the server hold more than MaxSocketQueueBytes for it.
    private readonly Channel<Outgoing> _outbox = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = false });
    private long _queuedChars;
    private int _overflowed;
    private readonly ConcurrentDictionary<string, Operation> _operations = new();
    private readonly CancellationTokenSource _closing = new();
    private int _initReceived;
    private volatile bool _acknowledged;
    private Viewer _viewer = Viewer.Anonymous;

    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _closing.Token);
        var writer = Task.Run(() => WriteLoopAsync(aborted), CancellationToken.None);
        var initTimer = Task.Delay(initTimeout, linked.Token).ContinueWith(t =>
        {
            if (!t.IsCanceled && !_acknowledged && Volatile.Read(ref _initReceived) == 0)
                Close(CloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
        }, TaskScheduler.Default);

        try
        {
            await ReadLoopAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException e)
        {
            logger.LogDebug(e, "WebSocket {Connection} dropped", connectionId);
        }
        finally
        {
            foreach (var op in _operations.Values) op.Dispose();
            _operations.Clear();
            _outbox.Writer.TryComplete();
            await writer;
            await initTimer.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Keep reading after our own close frame (CloseSent) until the client answers it: that completes the
        // close handshake, so the client sees our close code instead of an aborted connection.
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent && !ct.IsCancellationRequested)
        {
            buffer.Clear();
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer.GetMemory(4096), ct);
                buffer.Advance(received.Count);
                if (buffer.WrittenCount > MaxMessageBytes)
                {
                    Close(CloseCodes.BadRequest, "Message too large");
                    return;
                }
            } while (!received.EndOfMessage);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                _outbox.Writer.TryWrite(Outgoing.CloseWith(WebSocketCloseStatus.NormalClosure, ""));
                _outbox.Writer.TryComplete();
                return;
            }
            if (socket.State == WebSocketState.CloseSent) continue; // closing: ignore anything but the close reply
            if (received.MessageType != WebSocketMessageType.Text)
            {
                Close(CloseCodes.BadRequest, "Messages must be text");
                return;
            }
            if (!await HandleAsync(buffer.WrittenMemory)) return;
        }
    }

    /// <summary>Handles one message; false when the socket is being closed.</summary>
    private async Task<bool> HandleAsync(ReadOnlyMemory<byte> raw)
    {
        JsonObject message;
        try
        {
            message = JsonNode.Parse(raw.Span) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return Close(CloseCodes.BadRequest, "Invalid message received");
        }

        var type = Text(message, "type");
        switch (type)
        {
            case "connection_init":
                if (Interlocked.Exchange(ref _initReceived, 1) == 1)
                    return Close(CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
                if (message["payload"] is { } initPayload && initPayload is not JsonObject)
                    return Close(CloseCodes.BadRequest, "connection_init payload must be an object");
                return await InitAsync(message["payload"] as JsonObject);

            case "ping":
                if (message["payload"] is { } pingPayload && pingPayload is not JsonObject)
                    return Close(CloseCodes.BadRequest, "ping payload must be an object");
                Send(message["payload"] is JsonObject p
                    ? new JsonObject { ["type"] = "pong", ["payload"] = p.DeepClone() }
                    : new JsonObject { ["type"] = "pong" });
                return true;

            case "pong":
                return true;

            case "subscribe":
                return Subscribe(message);

            case "complete":
                if (Text(message, "id") is not { Length: > 0 } completeId)
                    return Close(CloseCodes.BadRequest, "complete needs an id");
                if (_operations.TryRemove(completeId, out var op)) op.Dispose();
                return true;

            default:
                return Close(CloseCodes.BadRequest, type is null ? "Message has no type" : $"Unexpected message type '{type}'");
        }
    }

    private async Task<bool> InitAsync(JsonObject? payload)
    {
        var bearer = ViewerResolver.BearerFrom(
            Text(payload, "authorization") ?? Text(payload, "Authorization") ?? Text(payload, "token"));
        await using var scope = scopes.CreateAsyncScope();
        var auth = await scope.ServiceProvider.GetRequiredService<ViewerResolver>().ResolveAsync(bearer, _closing.Token);
        if (auth.Failure is not null) return Close(CloseCodes.Forbidden, "Forbidden");
        _viewer = auth.Viewer;
        _acknowledged = true;
        Send(new JsonObject { ["type"] = "connection_ack" });
        return true;
    }

    private bool Subscribe(JsonObject message)
    {
        var id = Text(message, "id");
        if (id is not { Length: > 0 } || message["payload"] is not JsonObject payload || Text(payload, "query") is not { } query)
            return Close(CloseCodes.BadRequest, "subscribe needs an id and a payload with a query");
        if (!_acknowledged) return Close(CloseCodes.Unauthorized, "Unauthorized");

        GraphQLRequest request;
        try
        {
            request = new GraphQLRequest
            {
                Query = query,
                OperationName = Text(payload, "operationName"),
                Variables = payload["variables"] is JsonObject v ? serializer.Deserialize<Inputs>(v.ToJsonString()) : null,
                Extensions = payload["extensions"] is JsonObject x ? serializer.Deserialize<Inputs>(x.ToJsonString()) : null,
            };
        }
        catch (JsonException)
        {
            return Close(CloseCodes.BadRequest, "Invalid subscribe payload");
        }

        if (_operations.Count >= limits.MaxOperationsPerSocket && !_operations.ContainsKey(id))
        {
            // Refused like an invalid operation (an error message for that id): the socket and its others go on.
            Send(new JsonObject
            {
                ["id"] = id, ["type"] = "error",
                ["payload"] = new JsonArray(new JsonObject
                {
                    ["message"] = $"At most {limits.MaxOperationsPerSocket} operations run at once on one socket.",
                    ["extensions"] = new JsonObject { ["code"] = "TOO_MANY_OPERATIONS" },
                }),
            });
            return true;
        }
        var operation = new Operation(id, scopes.CreateAsyncScope());
        if (!_operations.TryAdd(id, operation))
        {
            operation.Dispose();
            return Close(CloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
        }
        _ = Task.Run(() => ExecuteAsync(operation, request));
        return true;
    }

    private async Task ExecuteAsync(Operation operation, GraphQLRequest request)
    {
        try
        {
            var runner = operation.Scope.ServiceProvider.GetRequiredService<GraphQLRunner>();
            var parsed = runner.ParseCached(request);
            if (parsed.Error is not null)
            {
                SendErrors(operation, new ExecutionResult { Errors = [parsed.Error] });
                return;
            }
            // A mutation meets the account's standing as it is now, not as it was when the socket opened.
            var viewer = parsed.Operation is global::GraphQLParser.AST.OperationType.Mutation
                ? await operation.Scope.ServiceProvider.GetRequiredService<ViewerResolver>().RefreshStandingAsync(_viewer, operation.Cancellation.Token)
                : _viewer;
            var result = await runner.ExecuteAsync(request, parsed, viewer, operation.Scope.ServiceProvider,
                $"{connectionId}:{operation.Id}", operation.Cancellation.Token);

            if (!result.Executed || (result.Streams is null && result.Data is null && result.Errors?.Count > 0))
            {
                SendErrors(operation, result);
                return;
            }
            if (result.Streams is { Count: > 0 } streams && parsed.Operation == OperationType.Subscription)
            {
                operation.Attach(streams.Values.First().Subscribe(new StreamObserver(this, operation)));
                return;
            }
            SendResult(operation, "next", result);
            Complete(operation);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Operation {Operation} on {Connection} failed", operation.Id, connectionId);
            SendErrors(operation, new ExecutionResult { Errors = [new SoraError("INTERNAL_SERVER_ERROR", "The operation failed.")] });
        }
    }

    private void SendResult(Operation operation, string type, ExecutionResult result)
    {
        if (!_operations.ContainsKey(operation.Id)) return; // completed by the client: send nothing more
        Send(new JsonObject { ["id"] = operation.Id, ["type"] = type, ["payload"] = JsonNode.Parse(serializer.Serialize(result)) });
    }

    private void SendErrors(Operation operation, ExecutionResult result)
    {
        if (!_operations.TryRemove(operation.Id, out _)) return;
        var errors = JsonNode.Parse(serializer.Serialize(result))?["errors"]?.DeepClone() ?? new JsonArray();
        Send(new JsonObject { ["id"] = operation.Id, ["type"] = "error", ["payload"] = errors });
        operation.Dispose();
    }

    private void Complete(Operation operation)
    {
        if (!_operations.TryRemove(operation.Id, out _)) return;
        Send(new JsonObject { ["id"] = operation.Id, ["type"] = "complete" });
        operation.Dispose();
    }

    private void Send(JsonObject message)
    {
        var text = message.ToJsonString();
        if (Volatile.Read(ref _overflowed) == 1) return;
        if (Interlocked.Add(ref _queuedChars, text.Length) * 2 > limits.MaxSocketQueueBytes)
        {
            Overflow();
            return;
        }
        if (!_outbox.Writer.TryWrite(Outgoing.Text(text))) Interlocked.Add(ref _queuedChars, -text.Length);
    }

    /// <summary>
    /// The client stopped reading: what waits for it is dropped, the close (SlowConsumer) goes out as soon as the socket
    /// takes it, and if it never does the connection is aborted after a grace period.
    /// </summary>
    private void Overflow()
    {
        if (Interlocked.Exchange(ref _overflowed, 1) == 1) return;
        logger.LogWarning("WebSocket {Connection} closed: its client does not read (over {Bytes} bytes waiting)", connectionId, limits.MaxSocketQueueBytes);
        while (_outbox.Reader.TryRead(out _)) { }
        Interlocked.Exchange(ref _queuedChars, 0);
        Close(CloseCodes.SlowConsumer, "Outgoing queue full: the client is not reading");
        _closing.CancelAfter(TimeSpan.FromSeconds(10));
    }

    private bool Close(int code, string reason)
    {
        _outbox.Writer.TryWrite(Outgoing.CloseWith((WebSocketCloseStatus)code, reason));
        _outbox.Writer.TryComplete();
        return false;
    }

    private async Task WriteLoopAsync(CancellationToken aborted)
    {
        var closeSent = false;
        try
        {
            await foreach (var item in _outbox.Reader.ReadAllAsync(aborted))
            {
                if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) break;
                if (item.Close is { } status)
                {
                    await socket.CloseOutputAsync(status, item.Payload, aborted);
                    closeSent = true;
                    return;
                }
                await socket.SendAsync(Encoding.UTF8.GetBytes(item.Payload), WebSocketMessageType.Text, true, aborted);
                Interlocked.Add(ref _queuedChars, -item.Payload.Length);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            logger.LogDebug(e, "Writer of {Connection} stopped", connectionId);
        }
        finally
        {
            // After our close frame the reader waits briefly for the client's reply; otherwise stop it now.
            if (closeSent) _closing.CancelAfter(TimeSpan.FromSeconds(5));
            else _closing.Cancel();
        }
    }

    private static string? Text(JsonObject? obj, string property) =>
        obj?[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private sealed record Outgoing(string Payload, WebSocketCloseStatus? Close)
    {
        public static Outgoing Text(string json) => new(json, null);
        public static Outgoing CloseWith(WebSocketCloseStatus status, string reason) => new(reason, status);
    }

    private sealed class Operation(string id, AsyncServiceScope scope) : IDisposable
    {
        private int _disposed;
        public string Id { get; } = id;
        public AsyncServiceScope Scope { get; } = scope;
        public CancellationTokenSource Cancellation { get; } = new();
        private IDisposable? _subscription;

        /// <summary>Keeps the stream; if the client completed the operation meanwhile, ends it at once.</summary>
        public void Attach(IDisposable subscription)
        {
            _subscription = subscription;
            if (Volatile.Read(ref _disposed) == 1) subscription.Dispose();
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            Cancellation.Cancel();
            _subscription?.Dispose();
            _ = Scope.DisposeAsync().AsTask();
        }
    }

    private sealed class StreamObserver(GraphQLWsConnection connection, Operation operation)
        : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => connection.SendResult(operation, "next", value);

        public void OnError(Exception error) => connection.SendErrors(operation,
            new ExecutionResult { Errors = [error as ExecutionError ?? new SoraError("INTERNAL_SERVER_ERROR", "The subscription failed.")] });

        public void OnCompleted() => connection.Complete(operation);
    }
}
