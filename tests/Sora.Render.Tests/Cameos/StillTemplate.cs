using Sora.Render.Media;

namespace Sora.Render.Tests.Cameos;

/// <summary>The identity vector of the single largest face in a still image, decoded through ffmpeg.</summary>
public static class StillTemplate
{
    public static async Task<float[]> OfAsync(ModelsFixture models, string imagePath)
    {
        var frame = await StillImage.DecodeAsync(imagePath);
        var face = models.Detector.Detect(frame).OrderByDescending(f => f.Area).First();
        return models.Embedder.Embed(frame, models.Landmarker.Locate(frame, face));
    }
}
