using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sora.Render.Media;

namespace Sora.Render.Models.External;

/// <summary>The generation server refused or failed the job (its own words in the message).</summary>
public sealed class ComfyUiException(string message) : Exception(message);

/// <summary>
/// <see cref="IVideoModel"/> over ComfyUI's HTTP and WebSocket API (its documented server routes): the workflow is
/// submitted to POST /prompt with this worker's client id; progress is read from the /ws?clientId= socket
/// ("progress" messages, value of max, and "executing" with no node when the prompt is done, or "execution_error");
/// the outputs are listed by GET /history/{prompt_id} and fetched from GET /view. Outputs may be image frames (a
/// SaveImage node) or one video file (a video-combine node's "gifs"); either way they are decoded with ffmpeg and
/// resampled over the clip's frames at the requested working size. The whole clip is made on the first batch (the
/// server renders it in one go); later batches are read from it.
/// </summary>
public sealed class ComfyUiModel(ComfyUiOptions options, HttpClient http) : IVideoModel
{
    private readonly ConditionalWeakTable<SceneRequest, Task<IReadOnlyList<RgbImage>>> _clips = new();
    private readonly string _workflow = options.Workflow is { } path ? File.ReadAllText(path)
        : throw new InvalidOperationException("Sora:Generation:ComfyUi:Workflow is not set: the API-format workflow to submit.");

    public string Name => options.Name;
    public string Provider => $"comfyui@{new Uri(options.Url).Host}";

    public IReadOnlyList<RgbImage> RenderBatch(SceneRequest request, int start, int count)
    {
        // The render's model stage runs on its own task, so waiting here blocks no request thread.
        var clip = _clips.GetValue(request, r => GenerateAsync(r, r.Cancellation)).GetAwaiter().GetResult();
        return Enumerable.Range(start, count).Select(i => clip[i]).ToList();
    }

    /// <summary>The workflow with the request's values in place of its placeholders (JSON-escaped).</summary>
    public string Workflow(SceneRequest request)
    {
        static string Json(string s) => JsonSerializer.Serialize(s)[1..^1];
        return _workflow.Replace("{{prompt}}", Json(request.Prompt)).Replace("{{seed}}", request.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{{width}}", request.Width.ToString()).Replace("{{height}}", request.Height.ToString())
            .Replace("{{frames}}", request.FrameCount.ToString()).Replace("{{fps}}", request.Fps.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The most bytes of JSON read from the server in one answer (a prompt's history is a few kilobytes).</summary>
    private const int MaxJsonBytes = 4 << 20;

    private async Task<IReadOnlyList<RgbImage>> GenerateAsync(SceneRequest request, CancellationToken ct)
    {
        try
        {
            return await RunAsync(request, ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            // The server said something that is not ComfyUI's API.
            throw new ComfyUiException($"The server's answer could not be read: {e.Message}");
        }
    }

    private async Task<IReadOnlyList<RgbImage>> RunAsync(SceneRequest request, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var client = Guid.NewGuid().ToString("N");
        var graph = JsonNode.Parse(Workflow(request)) ?? throw new InvalidOperationException("The workflow is not JSON.");

        // The socket first, so no progress message of this prompt is missed.
        using var socket = new ClientWebSocket();
        var baseUri = new Uri(options.Url.TrimEnd('/') + "/");
        var ws = new UriBuilder(new Uri(baseUri, $"ws?clientId={client}")) { Scheme = baseUri.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(ws, timeout.Token);

        using var submitted = await http.PostAsJsonAsync(new Uri(baseUri, "prompt"), new JsonObject { ["prompt"] = graph, ["client_id"] = client }, timeout.Token);
        var body = Encoding.UTF8.GetString(await ReadAsync(submitted, MaxJsonBytes, timeout.Token));
        if (!submitted.IsSuccessStatusCode) throw new ComfyUiException($"The server refused the workflow ({(int)submitted.StatusCode}): {Trim(body)}");
        var promptId = JsonNode.Parse(body)?["prompt_id"]?.GetValue<string>() ?? throw new ComfyUiException($"The server gave no prompt_id: {Trim(body)}");

        try
        {
            await FollowAsync(socket, promptId, request.Progress, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Cancelled, or past the deadline: the GPU should not go on making a clip nobody will use.
            await InterruptAsync(baseUri, promptId);
            throw;
        }
        using var listed = await http.GetAsync(new Uri(baseUri, $"history/{Uri.EscapeDataString(promptId)}"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (!listed.IsSuccessStatusCode) throw new ComfyUiException($"The server could not list the outputs ({(int)listed.StatusCode}).");
        var history = JsonNode.Parse(await ReadAsync(listed, MaxJsonBytes, timeout.Token))?[promptId]
                      ?? throw new ComfyUiException("The server has no history of the prompt it ran.");
        var files = Outputs(history).ToList();
        if (files.Count == 0) throw new ComfyUiException("The workflow produced no images or video.");
        // A frame per output frame at most (or one video): more is not a clip of this length.
        if (files.Count > request.FrameCount) throw new ComfyUiException($"The workflow produced {files.Count} files for {request.FrameCount} frames.");

        var frames = new List<RgbImage>();
        var total = 0L;
        foreach (var file in files)
        {
            var bytes = await DownloadAsync(new Uri(baseUri, $"view?filename={Uri.EscapeDataString(file.Name)}&subfolder={Uri.EscapeDataString(file.Subfolder)}&type={Uri.EscapeDataString(file.Type)}"), timeout.Token);
            if ((total += bytes.Length) > options.MaxOutputBytes) throw new ComfyUiException("The outputs are larger than the limit.");
            if (IsVideo(file.Name))
            {
                var temp = Path.Combine(Path.GetTempPath(), $"sora-comfyui-{Guid.NewGuid():N}{Path.GetExtension(file.Name)}");
                try
                {
                    await File.WriteAllBytesAsync(temp, bytes, timeout.Token);
                    var clip = await MediaDecoder.DecodeAsync(temp, request.Fps, Math.Max(request.Width, request.Height), TimeSpan.FromSeconds(request.FrameCount / request.Fps + 1), timeout.Token);
                    frames.AddRange(clip.Frames.Select(f => f.Frame));
                }
                finally
                {
                    File.Delete(temp);
                }
            }
            else frames.Add(await StillImage.DecodeBytesAsync(bytes, request.Width, request.Height, timeout.Token));
        }
        if (frames.Count == 0) throw new ComfyUiException("The outputs held no decodable frames.");
        // Resampled over the clip: a server that made fewer (or more) frames is spread over the requested length.
        return Enumerable.Range(0, request.FrameCount)
            .Select(i => Fit(frames[Math.Min(frames.Count - 1, (int)((long)i * frames.Count / request.FrameCount))], request.Width, request.Height))
            .ToList();
    }

    /// <summary>Reads the socket until this prompt is done: progress on the way, the server's error if it fails.</summary>
    private static async Task FollowAsync(ClientWebSocket socket, string promptId, IProgress<double>? progress, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close) throw new ComfyUiException("The server closed the progress socket before the prompt finished.");
                // Binary messages are live previews: read through and dropped, whatever their size.
                if (result.MessageType != WebSocketMessageType.Text) continue;
                // Bounded: a text message larger than 1 MiB is not ComfyUI's.
                if (message.Length + result.Count > 1 << 20) throw new ComfyUiException("A progress message was too large.");
                message.Write(buffer, 0, result.Count);
            } while (!result.EndOfMessage);
            if (result.MessageType != WebSocketMessageType.Text) continue;
            var node = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()));
            var data = node?["data"];
            if (data?["prompt_id"]?.GetValue<string>() is { } id && id != promptId) continue;
            switch (node?["type"]?.GetValue<string>())
            {
                case "progress":
                    var done = data?["value"]?.GetValue<double>() ?? 0;
                    var total = data?["max"]?.GetValue<double>() ?? 0;
                    if (total > 0) progress?.Report(Math.Clamp(done / total, 0, 1));
                    break;
                case "executing" when data is not null && data["node"] is null && data["prompt_id"] is not null:
                case "execution_success":
                    return;
                case "execution_error":
                    throw new ComfyUiException($"The workflow failed on the server: {data?["exception_message"]?.GetValue<string>() ?? "no message"}");
                case "execution_interrupted":
                    throw new ComfyUiException("The workflow was interrupted on the server.");
            }
        }
    }

    private sealed record OutputFile(string Name, string Subfolder, string Type);

    /// <summary>Every output file of the prompt, in node order then file order: images, or videos under "gifs" or "videos".</summary>
    private static IEnumerable<OutputFile> Outputs(JsonNode history)
    {
        if (history["outputs"] is not JsonObject outputs) yield break;
        foreach (var (_, output) in outputs.OrderBy(o => int.TryParse(o.Key, out var n) ? n : int.MaxValue).ThenBy(o => o.Key, StringComparer.Ordinal))
        foreach (var key in new[] { "images", "gifs", "videos" })
            if (output?[key] is JsonArray files)
                foreach (var f in files)
                    if (f?["filename"]?.GetValue<string>() is { } name && f["type"]?.GetValue<string>() != "temp")
                        yield return new OutputFile(name, f["subfolder"]?.GetValue<string>() ?? "", f["type"]?.GetValue<string>() ?? "output");
    }

    private static bool IsVideo(string name) => Path.GetExtension(name).ToLowerInvariant() is ".mp4" or ".webm" or ".mov" or ".mkv" or ".gif";

    private async Task<byte[]> DownloadAsync(Uri uri, CancellationToken ct)
    {
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode) throw new ComfyUiException($"The server could not give an output ({(int)response.StatusCode}).");
        return await ReadAsync(response, options.MaxOutputBytes, ct);
    }

    /// <summary>A response's body, refused past <paramref name="limit"/> bytes before more is read.</summary>
    private static async Task<byte[]> ReadAsync(HttpResponseMessage response, long limit, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > limit) throw new ComfyUiException("An answer from the server is larger than the limit.");
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > limit) throw new ComfyUiException("An answer from the server is larger than the limit.");
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    /// <summary>
    /// Takes the prompt off the server's queue if it is still waiting, and interrupts it if it is running (naming it, so
    /// a server that runs other clients' prompts stops only this one). Best effort: the render has already given up.
    /// </summary>
    private async Task InterruptAsync(Uri baseUri, string promptId)
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var dequeued = await http.PostAsJsonAsync(new Uri(baseUri, "queue"), new JsonObject { ["delete"] = new JsonArray(promptId) }, quick.Token);
            using var interrupted = await http.PostAsJsonAsync(new Uri(baseUri, "interrupt"), new JsonObject { ["prompt_id"] = promptId }, quick.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // Unreachable or slow: the server's own limits end the job.
        }
    }

    private static RgbImage Fit(RgbImage frame, int width, int height) => frame.Width == width && frame.Height == height ? frame : frame.Resize(width, height);

    private static string Trim(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
