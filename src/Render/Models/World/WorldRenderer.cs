using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sora.Render.Media;
using Sora.Render.Models.Onnx;

namespace Sora.Render.Models.World;

/// <summary>
/// Draws simulated frames: an ONNX graph, built in-process like the CPPN's, that runs on the CUDA provider when one
/// loads and on the CPU otherwise. The CPU projects each 3D part into a screen-space primitive (an oriented rounded
/// rectangle: a circle for a sphere, a stadium for a capsule, a rectangle for a box), stretched along its motion for
/// motion blur; the graph, per pixel of a batch of frames:
/// <list type="bullet">
/// <item>casts the camera ray: sky (horizon to zenith, the sun's disc and glow) above the horizon; below, the ground
/// plane's material (tiles, dunes, waves that move, a road with lanes and verges), the soft shadows of every part on it
/// (a footprint cast along the light), and distance fog;</item>
/// <item>finds the nearest primitive covering the pixel (one-hot on the least depth), shades it as a rounded solid
/// (its edge normal, the light's Lambert term, an ambient term and a highlight), antialiased by its coverage;</item>
/// <item>adds the weather: snow flakes or rain streaks falling in two layers.</item>
/// </list>
/// With a backdrop (image-to-video's photo, a remix's source frame) the plate replaces the sky and the ground, and the
/// subjects are drawn into it.
/// </summary>
public sealed class WorldRenderer : IDisposable
{
    public const int PrimitiveRows = 16;
    public const int FrameRows = 51;
    private readonly Lazy<OnnxModel> _model;

    public WorldRenderer(ModelOptions options) => _model = new(() => OnnxSessions.Open(Graph.Value, options));

    public string Provider => _model.Value.Provider;

    public static readonly Lazy<byte[]> Graph = new(BuildGraph);

    private static byte[] BuildGraph()
    {
        var g = new OnnxGraphBuilder("sora_world_raster");
        var px = g.Input("px", 1, null, 1);
        var py = g.Input("py", 1, null, 1);
        var prim = g.Input("prim", null, PrimitiveRows, null);
        var colour = g.Input("colour", null, null, 3);
        var frame = g.Input("frame", null, 1, FrameRows);
        var backdrop = g.Input("backdrop", null, null, 3);

        string C(float v) => g.Scalar(v);
        string Add(string a, string b) => g.Node("Add", a, b);
        string Sub(string a, string b) => g.Node("Sub", a, b);
        string Mul(string a, string b) => g.Node("Mul", a, b);
        string Div(string a, string b) => g.Node("Div", a, b);
        string Clip(string a, float lo, float hi) => g.Node("Clip", a, C(lo), C(hi));
        string Mix(string a, string b, string t) => Add(a, Mul(Sub(b, a), t));
        string F(params long[] rows) => g.Node("Gather", [OnnxAttribute.Int("axis", 2)], frame, g.Int64Constant("i", rows, rows.Length));
        string P(long row) => g.Node("Gather", [OnnxAttribute.Int("axis", 1)], prim, g.Int64Constant("i", [row], 1));
        string ReduceMax(string x) => g.Node("ReduceMax", [OnnxAttribute.Ints("axes", 2), OnnxAttribute.Int("keepdims", 1)], x);

        // The ray through each pixel, in the world.
        var tan = F(12);
        var (cx, cy) = (Mul(px, tan), Mul(py, tan));
        string Row(long r0) => Add(Add(Mul(cx, F(r0)), Mul(cy, F(r0 + 1))), F(r0 + 2));
        var (rx, ry, rz) = (Row(0), Row(3), Row(6));
        var inv = g.Node("Reciprocal", g.Node("Sqrt", Add(Add(Mul(rx, rx), Mul(ry, ry)), Mul(rz, rz))));
        (rx, ry, rz) = (Mul(rx, inv), Mul(ry, inv), Mul(rz, inv));
        var (ex, ey, ez, time) = (F(9), F(10), F(11), F(14));
        var horizon = F(18, 19, 20);
        var sunRgb = F(46, 47, 48);

        // Sky: horizon to zenith, the sun's disc and glow.
        var up = g.Node("Sqrt", Clip(ry, 0, 1));
        var sky = Mix(horizon, F(15, 16, 17), up);
        var sunDot = Add(Add(Mul(rx, F(27)), Mul(ry, F(28))), Mul(rz, F(29)));
        var sun = Add(g.Node("Exp", Mul(Sub(sunDot, C(1)), C(900))), Mul(g.Node("Exp", Mul(Sub(sunDot, C(1)), C(10))), C(0.3f)));
        sky = Add(sky, Mul(sunRgb, Mul(sun, F(30))));

        // Ground: where the ray meets y = 0, its material, lanes, verges, shadows and fog.
        var down = g.Node("Min", ry, C(-1e-3f));
        var t = Div(g.Node("Neg", ey), down);
        var (gx, gz) = (Add(ex, Mul(t, rx)), Add(ez, Mul(t, rz)));
        var freq = F(33);
        var speed = Mul(time, F(34));
        var wave = Mul(g.Node("Sin", Add(Mul(gx, freq), speed)), g.Node("Sin", Sub(Mul(gz, Mul(freq, C(0.83f))), Mul(speed, C(0.7f)))));
        var accent = Add(Mul(Clip(Mul(wave, C(3)), -1, 1), C(0.5f)), C(0.5f));
        var ground = Mix(F(21, 22, 23), F(24, 25, 26), accent);
        // Roads run along x, the way the subjects travel, centred on z = 0.
        var verge = Clip(Mul(Sub(g.Node("Abs", gz), F(35)), C(8)), 0, 1);
        ground = Mix(ground, F(36, 37, 38), verge);
        var lane = Mul(Mul(Clip(Mul(Sub(C(0.09f), g.Node("Abs", gz)), C(60)), 0, 1), Clip(Mul(g.Node("Sin", Mul(gx, C(0.6f))), C(4)), 0, 1)), F(39));
        ground = Mix(ground, C(0.95f), lane);
        // The sun's glint on water.
        var glint = Mul(Mul(g.Node("Exp", Mul(Sub(Add(Add(Mul(rx, F(27)), Mul(g.Node("Neg", ry), F(28))), Mul(rz, F(29))), C(1)), C(60))), F(49)),
            Add(C(0.6f), Mul(wave, C(0.4f))));
        ground = Add(ground, Mul(sunRgb, glint));
        var (sdx, sdz) = (Sub(gx, P(8)), Sub(gz, P(9)));
        var footprint = Clip(Sub(C(1), Div(g.Node("Sqrt", Add(Mul(sdx, sdx), Mul(sdz, sdz))), P(10))), 0, 1);
        var shadow = ReduceMax(Mul(Mul(footprint, footprint), P(11)));
        ground = Mul(ground, Sub(C(1), Mul(shadow, C(0.55f))));
        var fogDensity = F(32);
        var groundFog = Sub(C(1), g.Node("Exp", Mul(g.Node("Neg", t), fogDensity)));
        ground = Mix(ground, horizon, Clip(Add(groundFog, Clip(Mul(Add(ry, C(0.02f)), C(40)), 0, 1)), 0, 1));
        var background = Mix(ground, sky, Clip(Add(Mul(ry, C(300)), C(0.5f)), 0, 1));
        // Image-to-video and remix: the plate (the photo with its parallax, or the source frame) replaces sky and ground.
        background = Mix(background, backdrop, F(50));

        // The parts: the rounded rectangle's distance, coverage and edge normal, per pixel and primitive.
        var (dx, dy) = (Sub(px, P(0)), Sub(py, P(1)));
        var (ux, uy) = (P(2), P(3));
        var lx = Add(Mul(dx, ux), Mul(dy, uy));
        var ly = Sub(Mul(dy, ux), Mul(dx, uy));
        var (qx, qy) = (Sub(g.Node("Abs", lx), P(4)), Sub(g.Node("Abs", ly), P(5)));
        var (ox, oy) = (g.Node("Max", qx, C(0)), g.Node("Max", qy, C(0)));
        var outside = g.Node("Sqrt", Add(Mul(ox, ox), Mul(oy, oy)));
        var inside = g.Node("Min", g.Node("Max", qx, qy), C(0));
        var radius = P(6);
        var distance = Sub(Add(outside, inside), radius);
        var coverage = Clip(Sub(C(0.5f), Div(distance, F(13))), 0, 1);
        var invR = g.Node("Reciprocal", g.Node("Max", radius, C(1e-6f)));
        var (nlx, nly) = (Mul(Mul(g.Node("Sign", lx), ox), invR), Mul(Mul(g.Node("Sign", ly), oy), invR));
        var nx = Sub(Mul(nlx, ux), Mul(nly, uy));
        var ny = Add(Mul(nlx, uy), Mul(nly, ux));
        var nz = g.Node("Sqrt", Clip(Sub(Sub(C(1), Mul(nx, nx)), Mul(ny, ny)), 0, 1));
        // Light in camera space (towards the light; the camera looks along +z, so a facing normal is -z).
        var lambert = Clip(Sub(Add(Mul(nx, F(43)), Mul(ny, F(44))), Mul(nz, F(45))), 0, 1);
        var ambient = F(31);
        var shade = Add(ambient, Mul(Sub(C(1), ambient), lambert));
        var highlight = Mul(g.Node("Exp", Mul(Sub(lambert, C(1)), C(25))), P(12));

        var depth = P(7);
        var visible = Clip(Mul(coverage, C(1e4f)), 0, 1);
        var key = Add(depth, Mul(Sub(C(1), visible), C(1e6f)));
        var nearest = g.Node("ReduceMin", [OnnxAttribute.Ints("axes", 2), OnnxAttribute.Int("keepdims", 1)], key);
        var onehot = g.Node("Cast", [OnnxAttribute.Int("to", 1)], g.Node("Equal", key, nearest));
        onehot = Mul(onehot, visible);
        var surface = g.Node("MatMul", Mul(onehot, shade), colour);
        surface = Add(surface, ReduceMax(Mul(onehot, highlight)));
        var covered = ReduceMax(Mul(onehot, coverage));
        var partFog = Sub(C(1), g.Node("Exp", Mul(g.Node("Neg", ReduceMax(Mul(onehot, depth))), fogDensity)));
        surface = Mix(surface, horizon, partFog);
        var picture = Mix(background, surface, covered);

        // Weather: two layers of flakes or streaks, falling.
        var density = F(40);
        var falling = C(0);
        foreach (var (scale, rate) in new[] { (28f, 1f), (52f, 0.6f) })
        {
            var u = Mul(px, C(scale));
            var v = Add(Mul(py, C(scale)), Mul(Mul(time, F(41)), C(scale * rate)));
            var (cu, cv) = (g.Node("Floor", u), g.Node("Floor", v));
            var (fu, fv) = (Sub(Sub(u, cu), C(0.5f)), Sub(Sub(v, cv), C(0.5f)));
            var noise = Mul(g.Node("Sin", Add(Mul(cu, C(12.9898f)), Mul(cv, C(78.233f)))), C(43758.547f));
            var hash = Sub(noise, g.Node("Floor", noise));
            var present = Clip(Mul(Sub(hash, Sub(C(1), density)), C(1000)), 0, 1);
            var streak = F(42);
            var flake = g.Node("Exp", g.Node("Neg", Add(Mul(Mul(fu, fu), Mul(streak, C(90))), Div(Mul(Mul(fv, fv), C(90)), streak))));
            var weight = Mul(Mul(flake, present), C(0.75f));
            picture = Mix(picture, C(0.92f), weight);
            falling = Add(falling, weight);
        }
        g.NodeNamed("Clip", "rgb", picture, C(0), C(1));
        g.Output("rgb", null, null, 3);
        // Where the parts (and the falling weather) cover the frame: what a plate laid in behind them must leave visible.
        g.NodeNamed("Clip", "alpha", Add(covered, falling), C(0), C(1));
        g.Output("alpha", null, null, 1);
        return g.Build("sora-render");
    }

    /// <summary>
    /// Renders frames of a simulated scene at <paramref name="width"/> × <paramref name="height"/>, over
    /// <paramref name="backdrop"/>'s frames when given; with <paramref name="coverage"/> each frame carries where its
    /// parts are (<see cref="RgbImage.Alpha"/>).
    /// </summary>
    public IReadOnlyList<RgbImage> Render(SimulatedScene scene, int start, int count, int width, int height, Func<int, RgbImage?>? backdrop = null,
        bool coverage = false)
    {
        var n = width * height;
        var aspect = (float)width / height;
        var (pxs, pys) = (new float[n], new float[n]);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            pxs[y * width + x] = ((x + 0.5f) / width * 2 - 1) * aspect;
            pys[y * width + x] = 1 - (y + 0.5f) / height * 2;
        }
        var look = SceneLook.For(scene.Plan, scene.Setting);
        var projected = Enumerable.Range(start, count)
            .Select(i => Projection.Project(scene.Frames[i], i > 0 ? scene.Frames[i - 1] : null, look, aspect, 2f / height)).ToList();
        // Each run's tensors are frames × pixels × primitives: a big frame with many parts runs fewer frames at once.
        var k = Math.Max(1, projected.Max(p => p.Count));
        var perRun = Math.Clamp(MaxElements / ((long)n * k), 1, count);
        var images = new List<RgbImage>(count);
        for (var from = 0; from < count; from += (int)perRun)
        {
            var take = (int)Math.Min(perRun, count - from);
            images.AddRange(Run(scene, look, start + from, projected.GetRange(from, take), k, width, height, pxs, pys, backdrop, coverage));
        }
        return images;
    }

    /// <summary>The most elements one run's per-primitive tensors may hold (about 32 MB each, in floats).</summary>
    private const long MaxElements = 8_000_000;

    private List<RgbImage> Run(SimulatedScene scene, SceneLook look, int start, List<List<ProjectedPart>> projected, int k, int width, int height,
        float[] pxs, float[] pys, Func<int, RgbImage?>? backdrop, bool coverage)
    {
        var n = width * height;
        var count = projected.Count;
        var prim = new float[count * PrimitiveRows * k];
        var colour = new float[count * k * 3];
        var frame = new float[count * FrameRows];
        var plates = Enumerable.Range(start, count).Select(i => backdrop?.Invoke(i)).ToList();
        // Without a plate, one zero colour per frame broadcasts over the pixels.
        var platePixels = plates.Any(p => p is not null) ? n : 1;
        var plate = new float[count * platePixels * 3];
        for (var f = 0; f < count; f++)
        {
            var parts = projected[f];
            for (var j = 0; j < k; j++)
            {
                var row = j < parts.Count ? parts[j] : Projection.Empty;
                for (var a = 0; a < PrimitiveRows; a++) prim[(f * PrimitiveRows + a) * k + j] = row.Values[a];
                colour[(f * k + j) * 3] = row.R;
                colour[(f * k + j) * 3 + 1] = row.G;
                colour[(f * k + j) * 3 + 2] = row.B;
            }
            look.Write(frame.AsSpan(f * FrameRows, FrameRows), scene.Frames[start + f], 2f / height);
            if (plates[f] is { } image)
            {
                var fitted = image.Width == width && image.Height == height ? image : image.Resize(width, height);
                for (var i = 0; i < n * 3; i++) plate[f * n * 3 + i] = fitted.Pixels[i] / 255f;
                frame[f * FrameRows + 50] = 1;
            }
        }

        var inputs = new[]
        {
            NamedOnnxValue.CreateFromTensor("px", new DenseTensor<float>(pxs, [1, n, 1])),
            NamedOnnxValue.CreateFromTensor("py", new DenseTensor<float>(pys, [1, n, 1])),
            NamedOnnxValue.CreateFromTensor("prim", new DenseTensor<float>(prim, [count, PrimitiveRows, k])),
            NamedOnnxValue.CreateFromTensor("colour", new DenseTensor<float>(colour, [count, k, 3])),
            NamedOnnxValue.CreateFromTensor("frame", new DenseTensor<float>(frame, [count, 1, FrameRows])),
            NamedOnnxValue.CreateFromTensor("backdrop", new DenseTensor<float>(plate, [count, platePixels, 3])),
        };
        using var results = _model.Value.Session.Run(inputs);
        var rgb = results.First(r => r.Name == "rgb").AsTensor<float>() as DenseTensor<float> ?? throw new InvalidOperationException("Unexpected output tensor.");
        var cover = results.First(r => r.Name == "alpha").AsTensor<float>() as DenseTensor<float> ?? throw new InvalidOperationException("Unexpected output tensor.");
        var span = rgb.Buffer.Span;
        var alphaSpan = cover.Buffer.Span;
        var images = new List<RgbImage>(count);
        for (var f = 0; f < count; f++)
        {
            var bytes = new byte[n * 3];
            var offset = f * n * 3;
            for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(span[offset + i] * 255f + 0.5f);
            byte[]? alpha = null;
            if (coverage)
            {
                alpha = new byte[n];
                for (var i = 0; i < n; i++) alpha[i] = (byte)(alphaSpan[f * n + i] * 255f + 0.5f);
            }
            images.Add(new RgbImage(width, height, bytes) { Alpha = alpha });
        }
        return images;
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
    }
}
