using Sora.Render.Media;
using Sora.Render.Models;
using Sora.Render.Models.World;
using Sora.Render.Tests.Text;
using Xunit;
using static Sora.Render.Tests.World.FrameMeasures;
using Xunit.Abstractions;

namespace Sora.Render.Tests.World;

/// <summary>Frames of sora-world-1, measured as plain images: where the sky and the ground are, and the subject's colour blob.</summary>
[Collection("sentence-model")]
public sealed class WorldRenderTests(SentenceModelFixture model, ITestOutputHelper output) : IDisposable
{
    private readonly WorldModel _world = new(new ModelOptions { PreferCuda = false }, new ScenePlanner(model.Embedder));

    private IReadOnlyList<RgbImage> Render(string prompt, int width, int height, int frames, double fps = 24, long seed = 7)
    {
        var request = new SceneRequest([], seed, width, height, fps, frames, Prompt: prompt);
        var images = new List<RgbImage>();
        for (var s = 0; s < frames; s += 8) images.AddRange(_world.RenderBatch(request, s, Math.Min(8, frames - s)));
        if (Environment.GetEnvironmentVariable("SORA_WORLD_DUMP") is { } dir)
        {
            Directory.CreateDirectory(dir);
            var name = new string(prompt.Where(char.IsLetterOrDigit).Take(24).ToArray());
            for (var i = 0; i < images.Count; i += 12)
            {
                using var file = File.Create(Path.Combine(dir, $"{name}-{i:000}.ppm"));
                file.Write(System.Text.Encoding.ASCII.GetBytes($"P6 {width} {height} 255\n"));
                file.Write(images[i].Pixels);
            }
        }
        return images;
    }

    [Fact]
    public void A_red_car_drives_along_a_road_under_a_sunset_sky()
    {
        var frames = Render("a red sports car racing along a coastal road at sunset", 214, 120, 48);
        Assert.Equal(48, frames.Count);
        // The sky is warm above, the ground below is the road's dark asphalt and green verges: not the sky.
        var sky = MeanRows(frames[24], 0, 0.12);
        var ground = MeanRows(frames[24], 0.85, 1);
        Assert.True(sky[0] > sky[2] + 40, $"sunset sky {string.Join(",", sky.Select(v => v.ToString("0")))}");
        Assert.True(ground.Sum() < sky.Sum() - 150, $"ground {string.Join(",", ground.Select(v => v.ToString("0")))}");
        // The car is a red blob in every frame, and the following camera keeps it from jumping across the frame.
        var blobs = frames.Select(f => Blob(f, WorldVocabulary.Colour("red"))).ToList();
        Assert.All(blobs, b => Assert.True(b.Count > 40, $"red pixels: {b.Count}"));
        for (var i = 1; i < blobs.Count; i++) Assert.InRange(Math.Abs(blobs[i].X - blobs[i - 1].X), 0, 214 * 0.1);
    }

    [Fact]
    public void A_bouncing_basketball_falls_on_a_parabola_and_each_bounce_is_lower()
    {
        const double fps = 48;
        var frames = Render("a basketball bouncing in a gym", 214, 120, 144, fps);
        var orange = WorldVocabulary.Colour("orange");
        var track = frames.Select(f => Blob(f, orange)).ToList();
        Assert.All(track, b => Assert.True(b.Count > 3, $"orange pixels: {b.Count}"));
        var rows = track.Select(b => b.Y).ToArray();
        for (var i = 1; i < rows.Length; i++) Assert.InRange(Math.Abs(rows[i] - rows[i - 1]), 0, 120 * 0.15);

        // The first fall, frame by frame until it turns: a parabola in screen rows (the camera is static).
        var fall = 1;
        while (fall < rows.Length && rows[fall] >= rows[fall - 1] - 0.05) fall++;
        Assert.True(fall >= 8, $"the first fall lasts {fall} frames");
        var misfit = ParabolaMisfit(rows[..fall], fps);
        Assert.True(misfit < 0.02, $"free fall against a parabola: misfit {misfit:0.000}");

        // Apexes (the highest rows between bounces) get lower: their rows get larger.
        var apexes = new List<double>();
        for (var i = fall + 1; i < rows.Length - 1; i++)
            if (rows[i] < rows[i - 1] && rows[i] <= rows[i + 1]) apexes.Add(rows[i]);
        output.WriteLine($"apex rows: {string.Join(", ", apexes.Select(r => r.ToString("0.0")))}");
        Assert.True(apexes.Count >= 2, "at least two bounces");
        for (var i = 1; i < apexes.Count; i++) Assert.True(apexes[i] > apexes[i - 1], $"apex {i} at row {apexes[i]:0.0} after {apexes[i - 1]:0.0}");
    }

    [Fact]
    public void Kittens_in_falling_snow()
    {
        var frames = Render("kittens playing in a snowy garden, snowing", 214, 120, 48);
        var ground = MeanRows(frames[10], 0.8, 1);
        Assert.All(ground, v => Assert.InRange(v, 170, 255)); // snow under them
        // Falling snow and its haze wash colours out, so the hue match is wider here (the snow itself is far from orange).
        var cats = frames.Select(f => Blob(f, WorldVocabulary.Colour("orange"), 0.25)).ToList();
        Assert.All(cats, b => Assert.True(b.Count > 10, $"orange pixels: {b.Count}"));
    }

    [Fact]
    public void The_same_prompt_and_seed_give_the_same_frames_and_another_seed_another_scene()
    {
        var a = Render("a dog running on the beach", 107, 60, 16, seed: 3);
        var b = Render("a dog running on the beach", 107, 60, 16, seed: 3);
        var c = Render("a dog running on the beach", 107, 60, 16, seed: 4);
        Assert.Equal(a.Select(f => f.Pixels), b.Select(f => f.Pixels));
        Assert.NotEqual(a.Select(f => f.Pixels), c.Select(f => f.Pixels));
    }

    public void Dispose() => _world.Dispose();
}
