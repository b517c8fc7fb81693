using Sora.Render.Media;

namespace Sora.Render.Models;

/// <summary>
/// What a video model is asked for: the scene's conditioning (prompt embedding and seed), the frame grid, and
/// optionally source frames to re-render (remix). Models render at their own working resolution; the compositor
/// scales to the output. <paramref name="Prompt"/> is the text itself, for a model that reads it (sora-world-1 plans
/// its scene from it); <paramref name="Faces"/> are the cameos' verified face crops, in the prompt's order;
/// <paramref name="Progress"/> hears a model that makes the clip in one go (an external server), 0 to 1, and
/// <paramref name="Cancellation"/> stops it (the render's deadline, a cancel, a consent lapse).
/// </summary>
public sealed record SceneRequest(float[] PromptEmbedding, long Seed, int Width, int Height, double Fps, int FrameCount,
    Func<int, RgbImage?>? SourceFrame = null, string Prompt = "", IReadOnlyList<RgbImage>? Faces = null, RgbImage? Image = null,
    IProgress<double>? Progress = null, CancellationToken Cancellation = default);

/// <summary>
/// Where a cameo's face goes in one frame, for a model that places likenesses: the centre as fractions of the frame's
/// width and height, and the radius as a fraction of its height. The compositor draws the face there at the output's
/// resolution (the model's working size is too small for a face).
/// </summary>
public sealed record LikenessPlacement(int Cameo, double X, double Y, double Radius);

/// <summary>A collision heard in the soundtrack: when, how hard (0..1), and what struck what.</summary>
public sealed record SoundCue(double Seconds, double Strength, World.Material A, World.Material B);

/// <summary>What a model that simulates its scene knows of its sound: the collisions, and the setting's ambience.</summary>
public sealed record SceneSound(IReadOnlyList<SoundCue> Impacts, World.Ambience Ambience);

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

    /// <summary>
    /// Whether the model places the request's likenesses and input image itself (as parts of its scene); otherwise the
    /// compositor lays them over the frames.
    /// </summary>
    bool ComposesInputs => false;

    /// <summary>Where each likeness goes in frame <paramref name="frame"/>, for a model that <see cref="ComposesInputs"/>.</summary>
    IReadOnlyList<LikenessPlacement> Likenesses(SceneRequest request, int frame) => [];

    /// <summary>What the model understood of the prompt, for models that plan a scene.</summary>
    Sora.Domain.Generations.ScenePlan? Plan(SceneRequest request) => null;

    /// <summary>The scene's own sound cues, for models that simulate one; null lets the sound follow the picture's motion.</summary>
    SceneSound? Sound(SceneRequest request) => null;
}

/// <summary>The models a render can use, by style (the pipeline picks one per job).</summary>
public sealed class VideoModels(IReadOnlyDictionary<Sora.Domain.Generations.VideoStyle, IVideoModel> models)
{
    public static VideoModels Single(IVideoModel model) =>
        new(Enum.GetValues<Sora.Domain.Generations.VideoStyle>().ToDictionary(s => s, _ => model));

    public IVideoModel For(Sora.Domain.Generations.VideoStyle style) =>
        models.TryGetValue(style, out var model) ? model : throw new InvalidOperationException($"No video model is registered for the {style} style.");

    public IEnumerable<IVideoModel> All => models.Values.Distinct();
}
