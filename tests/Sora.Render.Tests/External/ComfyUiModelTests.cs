using System.Text.Json.Nodes;
using Sora.Render.Models;
using Sora.Render.Models.External;
using Xunit;

namespace Sora.Render.Tests.External;

/// <summary>The ComfyUI adapter against a local server that speaks ComfyUI's documented protocol (<see cref="ComfyUiProtocolServer"/>).</summary>
public sealed class ComfyUiModelTests : IDisposable
{
    private readonly string _workflow = Path.GetTempFileName();

    public ComfyUiModelTests() =>
        // An API-format workflow, as ComfyUI's "Save (API)" writes it, with the adapter's placeholders.
        File.WriteAllText(_workflow, """
            {
              "3": { "class_type": "KSampler", "inputs": { "seed": {{seed}}, "steps": 20, "model": ["4", 0], "positive": ["6", 0] } },
              "6": { "class_type": "CLIPTextEncode", "inputs": { "text": "{{prompt}}" } },
              "7": { "class_type": "EmptyLatentVideo", "inputs": { "width": {{width}}, "height": {{height}}, "length": {{frames}}, "fps": {{fps}} } },
              "9": { "class_type": "SaveImage", "inputs": { "images": ["8", 0], "filename_prefix": "sora" } }
            }
            """);

    private ComfyUiModel Model(ComfyUiProtocolServer server) =>
        new(new ComfyUiOptions { Enabled = true, Url = server.Url, Workflow = _workflow, TimeoutSeconds = 60 }, new HttpClient());

    private static SceneRequest Request(IProgress<double>? progress = null, CancellationToken cancellation = default) =>
        new([], 1234567890123, 64, 36, 24, 24, Prompt: "a \"quoted\" cat on a boat", Progress: progress, Cancellation: cancellation);

    [Fact]
    public async Task It_submits_the_workflow_streams_progress_and_spreads_the_frames_over_the_clip()
    {
        await using var server = new ComfyUiProtocolServer(frames: 6);
        var heard = new List<double>();
        var request = Request(new SynchronousProgress(heard));
        var model = Model(server);

        var first = model.RenderBatch(request, 0, 8);
        var rest = model.RenderBatch(request, 8, 16);

        // The request's values went into the workflow's placeholders (the prompt JSON-escaped), with our client id.
        var submitted = Assert.Single(server.Submitted);
        Assert.Equal("a \"quoted\" cat on a boat", submitted["prompt"]!["6"]!["inputs"]!["text"]!.GetValue<string>());
        Assert.Equal(1234567890123, submitted["prompt"]!["3"]!["inputs"]!["seed"]!.GetValue<long>());
        Assert.Equal((64, 36, 24), (submitted["prompt"]!["7"]!["inputs"]!["width"]!.GetValue<int>(), submitted["prompt"]!["7"]!["inputs"]!["height"]!.GetValue<int>(),
            submitted["prompt"]!["7"]!["inputs"]!["length"]!.GetValue<int>()));
        Assert.False(string.IsNullOrEmpty(submitted["client_id"]!.GetValue<string>()));
        // Its progress, in order, and none of another prompt's.
        Assert.Equal([0.25, 0.5, 0.75, 1.0], heard);

        // Six frames spread over 24: each shown for four frames, in order, at the requested size.
        var frames = first.Concat(rest).ToList();
        Assert.Equal(24, frames.Count);
        for (var i = 0; i < 24; i++)
        {
            var (r, g, b) = ComfyUiProtocolServer.Colour(i * 6 / 24);
            var p = frames[i].Pixels;
            var centre = (18 * 64 + 32) * 3;
            Assert.Equal((64, 36), (frames[i].Width, frames[i].Height));
            Assert.InRange(Math.Abs(p[centre] - r) + Math.Abs(p[centre + 1] - g) + Math.Abs(p[centre + 2] - b), 0, 24);
        }
        // Made once: the second batch read the same clip.
        Assert.Single(server.Submitted);
    }

    [Fact]
    public async Task A_workflow_the_server_cannot_run_fails_with_its_reason()
    {
        await using var server = new ComfyUiProtocolServer(frames: 2);
        var broken = Path.GetTempFileName();
        await File.WriteAllTextAsync(broken, """{ "3": { "class_type": "Missing", "inputs": {} } }""");
        var model = new ComfyUiModel(new ComfyUiOptions { Enabled = true, Url = server.Url, Workflow = broken }, new HttpClient());
        var refused = Assert.Throws<ComfyUiException>(() => model.RenderBatch(Request(), 0, 8));
        Assert.Contains("400", refused.Message);
        Assert.Contains("prompt_outputs_failed_validation", refused.Message);
        File.Delete(broken);
    }

    [Fact]
    public async Task A_failure_on_the_server_ends_the_render_with_the_servers_message()
    {
        await using var server = new ComfyUiProtocolServer(frames: 2, failOnServer: true);
        var failed = Assert.Throws<ComfyUiException>(() => Model(server).RenderBatch(Request(), 0, 8));
        Assert.Contains("CUDA out of memory", failed.Message);
    }

    [Fact]
    public async Task A_cancelled_render_takes_its_prompt_off_the_server()
    {
        await using var server = new ComfyUiProtocolServer(frames: 2, neverFinish: true);
        using var cancel = new CancellationTokenSource();
        var heard = new List<double>();
        // Cancelled once the server has said it is working on it (its progress has come in).
        var progress = new SynchronousProgress(heard, then: () => cancel.CancelAfter(TimeSpan.FromMilliseconds(200)));
        Assert.ThrowsAny<OperationCanceledException>(() => Model(server).RenderBatch(Request(progress, cancel.Token), 0, 8));

        Assert.Single(server.Submitted);
        Assert.Equal(["/queue", "/interrupt"], server.Stops.Select(s => s.Route));
        Assert.NotNull(server.Stops[0].Body["delete"]);
        Assert.Equal(server.Stops[0].Body["delete"]![0]!.GetValue<string>(), server.Stops[1].Body["prompt_id"]!.GetValue<string>());
    }

    [Fact]
    public void It_is_off_unless_configured_and_an_unreachable_server_is_an_error()
    {
        Assert.False(new ComfyUiOptions().Enabled);
        var model = new ComfyUiModel(new ComfyUiOptions { Enabled = true, Url = "http://127.0.0.1:9", Workflow = _workflow, TimeoutSeconds = 5 }, new HttpClient());
        var unreachable = Assert.ThrowsAny<Exception>(() => model.RenderBatch(Request(), 0, 8));
        Assert.True(unreachable is System.Net.WebSockets.WebSocketException or HttpRequestException, unreachable.GetType().Name);
        Assert.Throws<InvalidOperationException>(() => new ComfyUiModel(new ComfyUiOptions { Enabled = true }, new HttpClient()));
    }

    /// <summary>Records reports as they are made (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(List<double> heard, Action? then = null) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (heard) heard.Add(value);
            then?.Invoke();
        }
    }

    public void Dispose() => File.Delete(_workflow);
}
