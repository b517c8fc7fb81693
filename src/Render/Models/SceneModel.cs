using Sora.Domain.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sora.Render.Media;
using Sora.Render.Models.Onnx;

namespace Sora.Render.Models;

/// <summary>
/// The built-in video model: a compositional pattern-producing network (CPPN) over (x, y, t), conditioned on the
/// prompt embedding and the seed, built as an ONNX graph in-process (nothing downloaded). Every pixel of every frame
/// is one row of a batch: features [N, 10] = (x, y, t, r, sin ωt, cos ωt, source rgb, source mask), style [1, 64],
/// source [N, 3] (source logits for remix, zero otherwise) → rgb [N, 3] in 0..1. The weights come from a fixed
/// seed, so the graph is identical on every machine; the prompt and seed enter only through the inputs, which is
/// what makes (prompt, seed) reproducible and different prompts different.
/// </summary>
public sealed class SceneModel : IVideoModel, IDisposable
{
    /// <summary>
    /// What the scene is conditioned on: the lexical embedding (64 dimensions), not the sentence model the feed and
    /// restriction matching use. Why: (1) a render must be the same bytes for the same (prompt, seed) on every
    /// machine, and the lexical embedding is exact integer hashing, while a transformer's floats differ in the last
    /// bits between the CPU and CUDA providers and across ONNX Runtime versions (a pixel near a rounding edge flips);
    /// (2) the CPPN's weights are random, not learned, so semantic conditioning would buy no meaning in the picture,
    /// only change every existing (prompt, seed) → frames mapping; (3) it costs nothing and needs no model load on
    /// the render path. The sentence model is free to change without touching any video.
    /// </summary>
    public static IPromptEmbedder Conditioning { get; } = new LexicalPromptEmbedder();

    public const int Features = 10;
    public const int Hidden = 40;
    private const int WeightSeed = 20261125;
    private readonly Lazy<OnnxModel> _model;

    public SceneModel(ModelOptions options) => _model = new(() => OnnxSessions.Open(Graph.Value, options));

    public string Name => "sora-cppn-1";
    public string Provider => _model.Value.Provider;

    /// <summary>The serialized graph (also what docs/render.md describes); identical bytes on every machine.</summary>
    public static readonly Lazy<byte[]> Graph = new(BuildGraph);

    private static byte[] BuildGraph()
    {
        var random = new Random(WeightSeed);
        float[] Normal(int n, double std) => Enumerable.Range(0, n).Select(_ => (float)(Gaussian(random) * std)).ToArray();
        var g = new OnnxGraphBuilder("sora_scene_cppn");
        var features = g.Input("features", null, Features);
        var style = g.Input("style", 1, LexicalPromptEmbedder.Size); // the size of Conditioning's vectors
        var source = g.Input("source", null, 3);

        string Dense(string x, int inputs, int outputs, double std) => g.Node("MatMul", x, g.Constant("w", Normal(inputs * outputs, std), inputs, outputs));
        string Bias(int n, double std) => g.Constant("b", Normal(n, std), n);

        var h0 = g.Node("Tanh", g.Node("Add", g.Node("Add", Dense(features, Features, Hidden, 1.1), Dense(style, LexicalPromptEmbedder.Size, Hidden, 2.2)), Bias(Hidden, 0.3)));
        var h1 = g.Node("Sin", g.Node("Add", Dense(h0, Hidden, Hidden, 1.0), Dense(style, LexicalPromptEmbedder.Size, Hidden, 1.4)));
        var h2 = g.Node("Tanh", g.Node("Add", Dense(h1, Hidden, Hidden, 0.9), Bias(Hidden, 0.2)));
        var logits = g.Node("Add", g.Node("Add", Dense(h2, Hidden, 3, 1.3), Dense(style, LexicalPromptEmbedder.Size, 3, 0.8)), source);
        g.NodeNamed("Sigmoid", "rgb", logits);
        g.Output("rgb", null, 3);
        return g.Build("sora-render");
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>The style vector: the prompt embedding scaled, plus a seed-dependent perturbation.</summary>
    public static float[] Style(float[] embedding, long seed)
    {
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var style = new float[LexicalPromptEmbedder.Size];
        for (var i = 0; i < style.Length; i++) style[i] = (i < embedding.Length ? embedding[i] : 0) * 1.6f + (float)(Gaussian(random) * 0.22);
        return style;
    }

    public IReadOnlyList<RgbImage> RenderBatch(SceneRequest request, int start, int count)
    {
        var (w, h) = (request.Width, request.Height);
        var pixels = w * h;
        var n = count * pixels;
        var features = new float[n * Features];
        var source = new float[n * 3];
        var style = Style(request.PromptEmbedding, request.Seed);
        // Motion parameters read from the conditioning, so prompts also differ in tempo and scale.
        var speed = 0.35f + 0.3f * MathF.Tanh(style[1] * 2);
        var zoom = 1.4f + 0.6f * MathF.Tanh(style[2] * 2);
        var aspect = (float)w / h;
        for (var f = 0; f < count; f++)
        {
            var frame = start + f;
            var t = (float)(frame / request.Fps) * speed;
            var src = request.SourceFrame?.Invoke(frame) is { } s ? (s.Width == w && s.Height == h ? s : s.Resize(w, h)) : null;
            Parallel.For(0, h, y =>
            {
                for (var x = 0; x < w; x++)
                {
                    var row = f * pixels + y * w + x;
                    var fx = ((x + 0.5f) / w * 2 - 1) * aspect * zoom;
                    var fy = ((y + 0.5f) / h * 2 - 1) * zoom;
                    var o = row * Features;
                    features[o] = fx;
                    features[o + 1] = fy;
                    features[o + 2] = t;
                    features[o + 3] = MathF.Sqrt(fx * fx + fy * fy);
                    features[o + 4] = MathF.Sin(t * 2.1f);
                    features[o + 5] = MathF.Cos(t * 1.3f);
                    if (src is null) continue;
                    for (var c = 0; c < 3; c++)
                    {
                        var v = src.Pixels[(y * w + x) * 3 + c] / 255f;
                        features[o + 6 + c] = v * 2 - 1;
                        // The source colour as a strong logit: the network's output shifts it (restyles) rather
                        // than replacing it, so the remix keeps the source's layout and motion.
                        source[row * 3 + c] = 8f * (v * 2 - 1);
                    }
                    features[o + 9] = 1;
                }
            });
        }

        var inputs = new[]
        {
            NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(features, [n, Features])),
            NamedOnnxValue.CreateFromTensor("style", new DenseTensor<float>(style, [1, style.Length])),
            NamedOnnxValue.CreateFromTensor("source", new DenseTensor<float>(source, [n, 3])),
        };
        using var results = _model.Value.Session.Run(inputs);
        var rgb = results[0].AsTensor<float>() as DenseTensor<float> ?? throw new InvalidOperationException("Unexpected output tensor.");
        var span = rgb.Buffer.Span;
        var frames = new List<RgbImage>(count);
        for (var f = 0; f < count; f++)
        {
            var bytes = new byte[pixels * 3];
            var offset = f * pixels * 3;
            for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(Math.Clamp(span[offset + i], 0f, 1f) * 255f + 0.5f);
            frames.Add(new RgbImage(w, h, bytes));
        }
        return frames;
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
    }
}
