using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Sora.Render.Media;

namespace Sora.Render.Tests.External;

/// <summary>
/// A small stand-in for a ComfyUI server (no GPU node runs here), speaking the routes the adapter uses as ComfyUI
/// documents them: POST /prompt (400 with node_errors for a workflow it cannot run), the /ws?clientId= socket with
/// status, execution_start, progress, a binary preview, executed and a final executing with no node (or
/// execution_error), GET /history/{id} and GET /view. Its outputs are JPEG frames of known colours.
/// </summary>
public sealed class ComfyUiProtocolServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, WebSocket> _sockets = new();
    private readonly ConcurrentDictionary<string, int> _outputs = new();
    private readonly Task _loop;

    public ComfyUiProtocolServer(int frames, bool failOnServer = false, bool neverFinish = false)
    {
        Frames = frames;
        FailOnServer = failOnServer;
        NeverFinish = neverFinish;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }
    public int Frames { get; }
    public bool FailOnServer { get; }
    /// <summary>Reports progress and then works forever (until interrupted).</summary>
    public bool NeverFinish { get; }
    public List<JsonNode> Submitted { get; } = [];
    /// <summary>POST /queue and POST /interrupt bodies, as received.</summary>
    public List<(string Route, JsonNode Body)> Stops { get; } = [];

    /// <summary>The colour of output frame <paramref name="i"/>.</summary>
    public static (byte R, byte G, byte B) Colour(int i) => ((byte)(30 + i * 35 % 200), (byte)(200 - i * 25 % 150), 90);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        try
        {
            if (path == "/ws" && context.Request.IsWebSocketRequest)
            {
                var ws = await context.AcceptWebSocketAsync(null);
                _sockets[context.Request.QueryString["clientId"]!] = ws.WebSocket;
                await SendAsync(ws.WebSocket, new JsonObject { ["type"] = "status", ["data"] = new JsonObject { ["status"] = new JsonObject() } });
                // Held open until the adapter closes it.
                var buffer = new byte[1024];
                while (ws.WebSocket.State == WebSocketState.Open)
                    if ((await ws.WebSocket.ReceiveAsync(buffer, CancellationToken.None)).MessageType == WebSocketMessageType.Close) break;
                return;
            }
            if (path == "/prompt" && context.Request.HttpMethod == "POST")
            {
                var body = JsonNode.Parse(await new StreamReader(context.Request.InputStream).ReadToEndAsync())!;
                lock (Submitted) Submitted.Add(body);
                var graph = body["prompt"]!.AsObject();
                if (graph.Any(n => n.Value?["class_type"]?.GetValue<string>() == "Missing"))
                {
                    await RespondAsync(context, 400, new JsonObject
                    {
                        ["error"] = new JsonObject { ["type"] = "prompt_outputs_failed_validation", ["message"] = "Prompt outputs failed validation" },
                        ["node_errors"] = new JsonObject { ["3"] = new JsonObject { ["class_type"] = "Missing" } },
                    });
                    return;
                }
                var id = Guid.NewGuid().ToString();
                _outputs[id] = Frames;
                await RespondAsync(context, 200, new JsonObject { ["prompt_id"] = id, ["number"] = 1, ["node_errors"] = new JsonObject() });
                _ = Task.Run(() => RunAsync(body["client_id"]!.GetValue<string>(), id));
                return;
            }
            if (path is "/queue" or "/interrupt" && context.Request.HttpMethod == "POST")
            {
                var body = JsonNode.Parse(await new StreamReader(context.Request.InputStream).ReadToEndAsync())!;
                lock (Stops) Stops.Add((path, body));
                await RespondAsync(context, 200, new JsonObject());
                return;
            }
            if (path.StartsWith("/history/"))
            {
                var id = path["/history/".Length..];
                var images = new JsonArray();
                for (var i = 0; i < _outputs.GetValueOrDefault(id); i++)
                    images.Add(new JsonObject { ["filename"] = $"sora_{i:00000}_.jpg", ["subfolder"] = "", ["type"] = "output" });
                // A preview node's temp file is not an output.
                images.Add(new JsonObject { ["filename"] = "preview.jpg", ["subfolder"] = "", ["type"] = "temp" });
                await RespondAsync(context, 200, new JsonObject { [id] = new JsonObject { ["outputs"] = new JsonObject { ["9"] = new JsonObject { ["images"] = images } } } });
                return;
            }
            if (path == "/view")
            {
                var name = context.Request.QueryString["filename"]!;
                var index = int.Parse(name.Split('_')[1]);
                var (r, g, b) = Colour(index);
                var pixels = new byte[64 * 36 * 3];
                for (var p = 0; p < pixels.Length; p += 3) (pixels[p], pixels[p + 1], pixels[p + 2]) = (r, g, b);
                var jpeg = await StillImage.EncodeJpegAsync(new RgbImage(64, 36, pixels));
                context.Response.ContentType = "image/jpeg";
                await context.Response.OutputStream.WriteAsync(jpeg);
                context.Response.Close();
                return;
            }
            context.Response.StatusCode = 404;
            context.Response.Close();
        }
        catch (Exception)
        {
            context.Response.Abort();
        }
    }

    private async Task RunAsync(string client, string id)
    {
        var ws = _sockets[client];
        await SendAsync(ws, new JsonObject { ["type"] = "execution_start", ["data"] = new JsonObject { ["prompt_id"] = id } });
        for (var step = 1; step <= 4; step++)
        {
            await SendAsync(ws, new JsonObject { ["type"] = "progress", ["data"] = new JsonObject { ["value"] = step, ["max"] = 4, ["prompt_id"] = id, ["node"] = "3" } });
            // A live preview: binary, which a client may ignore.
            await ws.SendAsync(new byte[] { 0, 0, 0, 1, 0xFF, 0xD8 }, WebSocketMessageType.Binary, true, CancellationToken.None);
            // Another prompt's progress on the same socket is not this one's.
            await SendAsync(ws, new JsonObject { ["type"] = "progress", ["data"] = new JsonObject { ["value"] = 0, ["max"] = 4, ["prompt_id"] = "someone-else", ["node"] = "3" } });
        }
        if (NeverFinish) return;
        if (FailOnServer)
        {
            await SendAsync(ws, new JsonObject { ["type"] = "execution_error", ["data"] = new JsonObject { ["prompt_id"] = id, ["exception_message"] = "CUDA out of memory" } });
            return;
        }
        await SendAsync(ws, new JsonObject { ["type"] = "executed", ["data"] = new JsonObject { ["node"] = "9", ["prompt_id"] = id, ["output"] = new JsonObject() } });
        await SendAsync(ws, new JsonObject { ["type"] = "executing", ["data"] = new JsonObject { ["node"] = null, ["prompt_id"] = id } });
    }

    private static readonly SemaphoreSlim Sending = new(1, 1);

    private static async Task SendAsync(WebSocket ws, JsonNode message)
    {
        await Sending.WaitAsync();
        try
        {
            await ws.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            Sending.Release();
        }
    }

    private static async Task RespondAsync(HttpListenerContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body.ToJsonString()));
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
