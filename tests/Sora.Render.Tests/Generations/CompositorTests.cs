using Sora.Render.Generations;
using Sora.Render.Media;
using Xunit;

namespace Sora.Render.Tests.Generations;

/// <summary>The fixed-point, vectorised upscale against plain floating-point bilinear sampling.</summary>
public sealed class CompositorTests
{
    [Theory]
    [InlineData(320, 180, 1280, 720)]
    [InlineData(120, 68, 480, 270)]
    [InlineData(7, 5, 33, 17)]
    [InlineData(180, 320, 720, 1280)]
    public void Upscale_matches_bilinear_sampling_within_one_level(int sw, int sh, int w, int h)
    {
        var random = new Random(sw * 31 + h);
        var pixels = new byte[sw * sh * 3];
        random.NextBytes(pixels);
        var source = new RgbImage(sw, sh, pixels);

        var output = Compositor.Upscale(source, w, h);

        Assert.Equal((w, h), (output.Width, output.Height));
        var worst = 0;
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        {
            var sx = Math.Clamp((x + 0.5f) * sw / w - 0.5f, 0, sw - 1.001f);
            var sy = Math.Clamp((y + 0.5f) * sh / h - 0.5f, 0, sh - 1.001f);
            for (var c = 0; c < 3; c++)
                worst = Math.Max(worst, Math.Abs(output.Pixels[(y * w + x) * 3 + c] - (int)MathF.Round(source.Sample(sx, sy, c))));
        }
        Assert.InRange(worst, 0, 1);
    }

    [Fact]
    public void A_flat_picture_stays_exactly_flat()
    {
        var pixels = new byte[40 * 30 * 3];
        for (var i = 0; i < pixels.Length; i += 3) (pixels[i], pixels[i + 1], pixels[i + 2]) = (255, 0, 131);
        var output = Compositor.Upscale(new RgbImage(40, 30, pixels), 160, 120);
        for (var i = 0; i < output.Pixels.Length; i += 3) Assert.Equal((255, 0, 131), (output.Pixels[i], output.Pixels[i + 1], output.Pixels[i + 2]));
    }
}
