using System.Runtime.CompilerServices;
using Sora.Render.Media;

namespace Sora.Render.Models.World;

/// <summary>
/// sora-world-1: the prompt becomes a scene plan (<see cref="ScenePlanner"/>), the plan a simulation
/// (<see cref="SceneSimulation"/>), and each batch of frames is drawn from the simulated state by the ONNX renderer
/// (<see cref="WorldRenderer"/>). A cameo's figure has its face crop for a head (placed by <see cref="Likenesses"/>, drawn
/// by the compositor at the output's resolution). The same (prompt, seed) gives the
/// same scene: the plan is discrete, the simulation deterministic, and the renderer's inputs follow from both.
/// </summary>
public sealed class WorldModel(ModelOptions options, ScenePlanner planner) : IVideoModel, IDisposable
{
    private readonly WorldRenderer _renderer = new(options);
    // One simulation per request, made on its first batch and dropped with the request.
    private readonly ConditionalWeakTable<SceneRequest, SimulatedScene> _scenes = new();

    public string Name => "sora-world-1";
    public string Provider => _renderer.Provider;
    public bool ComposesInputs => true;

    public Sora.Domain.Generations.ScenePlan Plan(SceneRequest request) => Simulate(request).Plan;

    /// <summary>Every collision of the simulation, louder the faster the bodies met, and the setting's ambience.</summary>
    public SceneSound Sound(SceneRequest request)
    {
        var scene = Simulate(request);
        var cues = scene.Impacts
            // A closing speed of 6 m/s is a hard hit whatever the mass; a featherweight's impulse is still quiet.
            .Select(i => new SoundCue(i.Time, Math.Clamp(i.Speed / 6, 0.05, 1), i.A, i.B))
            .ToList();
        return new SceneSound(cues, scene.Setting.Ambience);
    }

    public SimulatedScene Simulate(SceneRequest request) =>
        _scenes.GetValue(request, r => SceneSimulation.Run(planner.Plan(r.Prompt), r.Seed, r.FrameCount / r.Fps, r.Fps));

    public IReadOnlyList<RgbImage> RenderBatch(SceneRequest request, int start, int count)
    {
        var scene = Simulate(request);
        // A remix's source frames are the plate here, at the working size; a photo is laid in by the compositor at the
        // output's size, behind the parts this frame's coverage marks.
        var frames = _renderer.Render(scene, start, count, request.Width, request.Height, request.SourceFrame, coverage: request.Image is not null);
        return frames;
    }

    /// <summary>Each cameo figure's head in the frame, from the same projection the renderer draws with.</summary>
    public IReadOnlyList<LikenessPlacement> Likenesses(SceneRequest request, int frame)
    {
        if (request.Faces is not { Count: > 0 } faces) return [];
        var scene = Simulate(request);
        var aspect = (float)request.Width / request.Height;
        var look = SceneLook.For(scene.Plan, scene.Setting);
        return Projection.Project(scene.Frames[frame], frame > 0 ? scene.Frames[frame - 1] : null, look, aspect, 2f / request.Height)
            .Where(p => p.Likeness is { } l && l < faces.Count)
            .Select(p => new LikenessPlacement(p.Likeness!.Value, (p.ScreenX / aspect + 1) / 2, (1 - p.ScreenY) / 2, p.ScreenRadius / 2))
            .ToList();
    }

    public void Dispose() => _renderer.Dispose();
}
