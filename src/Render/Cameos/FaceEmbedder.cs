using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sora.Render.Media;
using Sora.Render.Models;

namespace Sora.Render.Cameos;

public interface IFaceEmbedder
{
    /// <summary>A unit-length identity vector; compare two with <see cref="FaceTemplate.Cosine"/>.</summary>
    float[] Embed(RgbImage frame, Landmarks68 landmarks);
}

/// <summary>
/// fr_feature.onnx (512-d). The face is aligned by three points (eye centres and nose tip) onto the standard
/// 112x112 reference positions with an affine warp, then RGB (p-127)/128.
/// </summary>
public sealed class OnnxFaceEmbedder(ModelOptions options) : IFaceEmbedder, IDisposable
{
    public const string File = "fr_feature.onnx";
    private static readonly (float X, float Y)[] Reference = [(38.29459953f, 51.69630051f), (73.53179932f, 51.50139999f), (56.02519989f, 71.73660278f)];
    // Opened on first use: API-only nodes register the models but never load them.
    private readonly Lazy<OnnxModel> _model = new(() => OnnxSessions.Open(options.PathOf(File), options));

    public float[] Embed(RgbImage frame, Landmarks68 landmarks)
    {
        // Output pixel → source point, so the warp samples the frame directly.
        var toSource = AffineTransform.FromTriangles(Reference, [landmarks.LeftEye, landmarks.RightEye, landmarks.Nose]);
        var aligned = frame.WarpAffine(toSource, 112, 112);
        var input = new DenseTensor<float>(aligned.ToChwCentered(), [1, 3, 112, 112]);
        using var results = _model.Value.Session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        return FaceTemplate.Normalize(results[0].AsEnumerable<float>().ToArray());
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
    }
}

public static class FaceTemplate
{
    public static float[] Normalize(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return norm < 1e-12f ? v : v.Select(x => x / norm).ToArray();
    }

    public static float Cosine(float[] a, float[] b)
    {
        float dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / MathF.Sqrt(Math.Max(na * nb, 1e-24f));
    }

    /// <summary>The normalized mean of several embeddings: the template a cameo is matched against.</summary>
    public static float[] Mean(IReadOnlyCollection<float[]> embeddings)
    {
        var mean = new float[embeddings.First().Length];
        foreach (var e in embeddings)
            for (var i = 0; i < mean.Length; i++) mean[i] += e[i];
        return Normalize(mean);
    }
}
