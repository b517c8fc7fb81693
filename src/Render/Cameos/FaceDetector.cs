using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sora.Render.Media;
using Sora.Render.Models;

namespace Sora.Render.Cameos;

/// <summary>A detected face in frame pixels, with the detector's confidence.</summary>
public sealed record FaceBox(float X1, float Y1, float X2, float Y2, float Score)
{
    public float Width => X2 - X1;
    public float Height => Y2 - Y1;
    public float Area => Math.Max(0, Width) * Math.Max(0, Height);
}

public interface IFaceDetector
{
    IReadOnlyList<FaceBox> Detect(RgbImage frame);
}

/// <summary>
/// UltraFace RFB-320 (fr_detect.onnx): the whole frame resized to 320x240, RGB, (p-127)/128; outputs
/// scores [1,4420,2] and boxes [1,4420,4] already decoded to corner form in [0,1]. Then score threshold and NMS.
/// </summary>
public sealed class UltraFaceDetector(ModelOptions options, float scoreThreshold = 0.7f, float nmsThreshold = 0.4f) : IFaceDetector, IDisposable
{
    public const string File = "fr_detect.onnx";
    // Opened on first use: API-only nodes register the models but never load them.
    private readonly Lazy<OnnxModel> _model = new(() => OnnxSessions.Open(options.PathOf(File), options));

    public string Provider => _model.Value.Provider;

    public IReadOnlyList<FaceBox> Detect(RgbImage frame)
    {
        var input = new DenseTensor<float>(frame.Resize(320, 240).ToChwCentered(), [1, 3, 240, 320]);
        using var results = _model.Value.Session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        var scores = results.First(r => r.Name == "scores").AsTensor<float>();
        var boxes = results.First(r => r.Name == "boxes").AsTensor<float>();
        var candidates = new List<FaceBox>();
        for (var i = 0; i < scores.Dimensions[1]; i++)
        {
            var score = scores[0, i, 1];
            if (score < scoreThreshold) continue;
            candidates.Add(new FaceBox(boxes[0, i, 0] * frame.Width, boxes[0, i, 1] * frame.Height,
                boxes[0, i, 2] * frame.Width, boxes[0, i, 3] * frame.Height, score));
        }
        return NonMaximumSuppression(candidates, nmsThreshold);
    }

    public static IReadOnlyList<FaceBox> NonMaximumSuppression(IEnumerable<FaceBox> boxes, float iouThreshold)
    {
        var kept = new List<FaceBox>();
        foreach (var box in boxes.OrderByDescending(b => b.Score))
            if (kept.All(k => IntersectionOverUnion(k, box) <= iouThreshold)) kept.Add(box);
        return kept;
    }

    public static float IntersectionOverUnion(FaceBox a, FaceBox b)
    {
        var w = Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1);
        var h = Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1);
        var intersection = Math.Max(0, w) * Math.Max(0, h);
        var union = a.Area + b.Area - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
    }
}
