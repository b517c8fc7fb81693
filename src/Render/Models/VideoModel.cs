using Sora.Render.Media;

namespace Sora.Render.Models;

/// <summary>
/// What a video model is asked for: the scene's conditioning (prompt embedding and seed), the frame grid, and
/// optionally source frames to re-render (remix). Models render at their own working resolution; the compositor
/// scales to the output. <paramref name="Prompt"/> is the text itself, for a model that reads it (sora-world-1 plans
/// its scene from it); <paramref name="Faces"/> are the cameos' verified face crops, in the prompt's order.
/// </summary>
public sealed record SceneRequest(float[] PromptEmbedding, long Seed, int Width, int Height, double Fps, int FrameCount,
    Func<int, RgbImage?>? SourceFrame = null, string Prompt = "", IReadOnlyList<RgbImage>? Faces = null);

/// <summary>
/// The video model contract (documented in docs/render.md): frames are produced in order, in batches, and the
/// same request gives identical frames. <see cref="Provider"/> names the execution provider it runs on.
/// </summary>
public interface IVideoModel
{
    string Name { get; }
    string Provider { get; }

    /// <summary>Renders frames [start, start + count) of the request.</summary>
    IReadOnlyList<RgbImage> RenderBatch(SceneRequest request, int start, int count);
}
