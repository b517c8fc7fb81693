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

    /// <summary>Every collision of the simulation, louder with its impulse against the body's weight, and the setting's ambience.</summary>
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
        Func<int, RgbImage?>? backdrop = request.SourceFrame ?? (request.Image is { } image ? Plate(image, request) : null);
        var frames = _renderer.Render(scene, start, count, request.Width, request.Height, request.Fps, backdrop);
        return frames;
    }

    /// <summary>
    /// Image-to-video's plate: the photo cover-fitted with headroom, split into depth bands by an estimated horizon
    /// (the row where brightness changes most, in the middle of the frame): above it the far band barely moves, below it
    /// each row moves more the lower (nearer) it is, as the camera drifts sideways and pushes in. That parallax is what
    /// turns the still into a space the subjects move through.
    /// </summary>
    private static Func<int, RgbImage?> Plate(RgbImage image, SceneRequest request)
    {
        var (w, h) = (request.Width, request.Height);
        var (pw, ph) = ((int)(w * 1.3), (int)(h * 1.3));
        var scale = Math.Max((double)pw / image.Width, (double)ph / image.Height);
        var fitted = image.Resize(Math.Max(pw, (int)(image.Width * scale)), Math.Max(ph, (int)(image.Height * scale)));
        var horizon = Horizon(fitted);
        return frame =>
        {
            var u = request.FrameCount <= 1 ? 0 : frame / (double)(request.FrameCount - 1);
            var output = new byte[w * h * 3];
            for (var y = 0; y < h; y++)
            {
                var sy0 = (fitted.Height - h) / 2.0 + y;
                var band = sy0 < horizon ? 0.15 : 0.15 + 0.85 * (sy0 - horizon) / Math.Max(1, fitted.Height - horizon);
                var zoom = 1 + 0.06 * u * band;
                var shift = (u - 0.5) * 0.12 * w * band;
                for (var x = 0; x < w; x++)
                {
                    var sx = Math.Clamp((int)(fitted.Width / 2.0 + (x - w / 2.0) / zoom + shift), 0, fitted.Width - 1);
                    var sy = Math.Clamp((int)(fitted.Height / 2.0 + (y - h / 2.0) / zoom), 0, fitted.Height - 1);
                    Array.Copy(fitted.Pixels, (sy * fitted.Width + sx) * 3, output, (y * w + x) * 3, 3);
                }
            }
            return new RgbImage(w, h, output);
        };
    }

    /// <summary>The row between 25% and 75% of the height where the mean brightness changes most: the horizon's guess.</summary>
    private static int Horizon(RgbImage image)
    {
        var rows = new double[image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            long sum = 0;
            for (var x = 0; x < image.Width; x++)
            {
                var o = (y * image.Width + x) * 3;
                sum += image.Pixels[o] + image.Pixels[o + 1] + image.Pixels[o + 2];
            }
            rows[y] = sum / (3.0 * image.Width);
        }
        var (best, at) = (-1.0, image.Height / 2);
        for (var y = image.Height / 4 + 2; y < image.Height * 3 / 4 - 2; y++)
        {
            var change = Math.Abs(rows[y + 2] - rows[y - 2]);
            if (change > best) (best, at) = (change, y);
        }
        return at;
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
