namespace Sora.Render.Models.External;

/// <summary>
/// An operator's own generation server running ComfyUI on a GPU node (Sora:Generation:ComfyUi). Off by default: when
/// enabled, it renders the WORLD style in place of the built-in model. <see cref="Workflow"/> is a workflow exported from
/// ComfyUI in API format ("Save (API)"), with the placeholders {{prompt}}, {{seed}}, {{width}}, {{height}},
/// {{frames}} and {{fps}} where the request's values go (docs/render.md).
/// </summary>
public sealed class ComfyUiOptions
{
    public bool Enabled { get; set; }
    /// <summary>The server's base address, e.g. http://gpu-node-1:8188.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8188";
    /// <summary>The workflow file (API format JSON).</summary>
    public string? Workflow { get; set; }
    /// <summary>The model's name in provenance and on the video.</summary>
    public string Name { get; set; } = "comfyui";
    /// <summary>How long one clip may take on the server before the render gives up (the render's own deadline still applies).</summary>
    public int TimeoutSeconds { get; set; } = 600;
    /// <summary>The most bytes one output file may have (frames or a video), so a broken server cannot fill the worker.</summary>
    public long MaxOutputBytes { get; set; } = 512L * 1024 * 1024;
}
