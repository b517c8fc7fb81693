using System.Runtime.CompilerServices;
using Sora.Render.Media;

namespace Sora.Render.Models.World;

/// <summary>
/// sora-world-1: the prompt becomes a scene plan (<see cref="ScenePlanner"/>), the plan a simulation
/// (<see cref="SceneSimulation"/>), and each batch of frames is drawn from the simulated state by the ONNX renderer
/// (<see cref="WorldRenderer"/>). A cameo's face crop is laid on its figure's head. The same (prompt, seed) gives the
/// same scene: the plan is discrete, the simulation deterministic, and the renderer's inputs follow from both.
/// </summary>
public sealed class WorldModel(ModelOptions options, ScenePlanner planner) : IVideoModel, IDisposable
{
    private readonly WorldRenderer _renderer = new(options);
    // One simulation per request, made on its first batch and dropped with the request.
    private readonly ConditionalWeakTable<SceneRequest, SimulatedScene> _scenes = new();

    public string Name => "sora-world-1";
    public string Provider => _renderer.Provider;

    public SimulatedScene Simulate(SceneRequest request) =>
        _scenes.GetValue(request, r => SceneSimulation.Run(planner.Plan(r.Prompt), r.Seed, r.FrameCount / r.Fps, r.Fps));

    public IReadOnlyList<RgbImage> RenderBatch(SceneRequest request, int start, int count)
    {
        var scene = Simulate(request);
        var frames = _renderer.Render(scene, start, count, request.Width, request.Height, request.Fps);
        if (request.Faces is { Count: > 0 } faces)
        {
            var aspect = (float)request.Width / request.Height;
            var look = SceneLook.For(scene.Plan, scene.Setting);
            for (var f = 0; f < count; f++)
            {
                var i = start + f;
                var heads = Projection.Project(scene.Frames[i], i > 0 ? scene.Frames[i - 1] : null, look, aspect, 2f / request.Height)
                    .Where(p => p.Likeness is { } l && l < faces.Count);
                foreach (var head in heads) DrawFace(frames[f], faces[head.Likeness!.Value], head, aspect);
            }
        }
        return frames;
    }

    /// <summary>The face crop, cover-fitted into the head's circle, feathered at its rim.</summary>
    private static void DrawFace(RgbImage frame, RgbImage face, ProjectedPart head, float aspect)
    {
        var (w, h) = (frame.Width, frame.Height);
        var cx = (head.ScreenX / aspect + 1) / 2 * w;
        var cy = (1 - head.ScreenY) / 2 * h;
        var radius = head.ScreenRadius / 2 * h;
        if (radius < 1.5) return;
        var side = Math.Min(face.Width, face.Height);
        var (ox, oy) = ((face.Width - side) / 2, (face.Height - side) / 2);
        for (var y = (int)Math.Max(0, cy - radius); y < Math.Min(h, cy + radius + 1); y++)
        for (var x = (int)Math.Max(0, cx - radius); x < Math.Min(w, cx + radius + 1); x++)
        {
            var (dx, dy) = ((x + 0.5 - cx) / radius, (y + 0.5 - cy) / radius);
            var d = Math.Sqrt(dx * dx + dy * dy);
            if (d >= 1) continue;
            var alpha = Math.Clamp((1 - d) * radius, 0, 1);
            var sx = ox + Math.Clamp((int)((dx + 1) / 2 * side), 0, side - 1);
            var sy = oy + Math.Clamp((int)((dy + 1) / 2 * side), 0, side - 1);
            for (var c = 0; c < 3; c++)
            {
                var o = (y * w + x) * 3 + c;
                frame.Pixels[o] = (byte)(frame.Pixels[o] * (1 - alpha) + face.Pixels[(sy * face.Width + sx) * 3 + c] * alpha);
            }
        }
    }

    public void Dispose() => _renderer.Dispose();
}
