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
