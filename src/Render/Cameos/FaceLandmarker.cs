using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sora.Render.Media;
using Sora.Render.Models;

namespace Sora.Render.Cameos;

/// <summary>The 68 iBUG landmarks of one face, in frame pixels.</summary>
public sealed record Landmarks68((float X, float Y)[] Points)
{
    private (float X, float Y) Mean(params int[] indices) =>
        (indices.Average(i => Points[i].X), indices.Average(i => Points[i].Y));

    /// <summary>Eye centres from the upper and lower lids (as the package's own alignment does).</summary>
    public (float X, float Y) LeftEye => Mean(37, 38, 40, 41);
    public (float X, float Y) RightEye => Mean(43, 44, 46, 47);
    public (float X, float Y) Nose => Points[30];

    /// <summary>
    /// Horizontal position of the nose tip between the two sides of the jaw contour (points 0 and 16), centred:
    /// about 0 when facing the camera, negative when the nose moves towards image-left, positive towards
    /// image-right. The contour stays on the head's outline while the nose swings, so this moves more with a
    /// head turn than an offset from the eyes, which turn with the nose.
    /// </summary>
    public float Yaw
    {
        get
        {
            var left = Points[0].X;
            var right = Points[16].X;
            var span = right - left;
            return Math.Abs(span) < 1e-3 ? 0 : (Nose.X - (left + right) / 2) / span;
        }
    }
}

public interface IFaceLandmarker
{
    Landmarks68 Locate(RgbImage frame, FaceBox face);
}

/// <summary>fr_landmark.onnx: the face box resized to 64x64 grayscale, p/256; outputs 136 values in box units.</summary>
public sealed class OnnxFaceLandmarker(ModelOptions options) : IFaceLandmarker, IDisposable
{
    public const string File = "fr_landmark.onnx";
    // Opened on first use: API-only nodes register the models but never load them.
    private readonly Lazy<OnnxModel> _model = new(() => OnnxSessions.Open(options.PathOf(File), options));

    public Landmarks68 Locate(RgbImage frame, FaceBox face)
    {
        var x = Math.Clamp(face.X1, 0, frame.Width - 2);
        var y = Math.Clamp(face.Y1, 0, frame.Height - 2);
        var w = Math.Clamp(face.Width, 2, frame.Width - x);
        var h = Math.Clamp(face.Height, 2, frame.Height - y);
        var gray = frame.CropResize(x, y, w, h, 64, 64).Gray();
        var input = new DenseTensor<float>(gray.Select(p => p / 256f).ToArray(), [1, 1, 64, 64]);
        using var results = _model.Value.Session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        var output = results[0].AsTensor<float>();
        var points = new (float, float)[68];
        for (var i = 0; i < 68; i++) points[i] = (output[0, 2 * i] * w + x, output[0, 2 * i + 1] * h + y);
        return new Landmarks68(points);
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
    }
}
