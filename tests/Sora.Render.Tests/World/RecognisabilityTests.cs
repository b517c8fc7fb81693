using Sora.Render.Generations;
using Sora.Render.Media;
using Sora.Render.Models;
using Sora.Render.Models.World;
using Sora.Render.Provenance;
using Sora.Render.Tests.Generations;
using Sora.Render.Tests.Text;
using Xunit;
using Xunit.Abstractions;
using static Sora.Render.Tests.World.FrameMeasures;

namespace Sora.Render.Tests.World;

/// <summary>
/// The world model through the whole pipeline: each prompt is rendered to a signed MP4, decoded with ffmpeg, and
/// checked with plain image measurements against what the plan says (so the checks are the same for any prompt): the
/// subject's colour blob is there and tracked, it never jumps across the frame, the sky sits above the ground, a
/// bounce falls on a parabola with lower apexes, and the sound's impacts fall on the frames where it bounces.
/// </summary>
[Collection("sentence-model")]
public sealed class RecognisabilityTests(SentenceModelFixture model, ITestOutputHelper output) : IDisposable
{
    private const double Fps = 24;
    private readonly WorldModel _world = new(new ModelOptions { PreferCuda = false }, new ScenePlanner(model.Embedder));
    private readonly ProvenanceKey _key = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly string _keys = Directory.CreateTempSubdirectory("sora-test-world-").FullName;

    [Theory]
    [InlineData("a red beach ball bouncing on the beach")]
    [InlineData("an orange basketball bouncing in a gym")]
    [InlineData("a yellow school bus driving down a city street")]
    [InlineData("a blue ball rolling across a park at sunset")]
    [InlineData("a purple rubber ball dropped in a room at night")]
    public async Task The_planned_subject_is_seen_doing_what_the_plan_says(string prompt)
    {
        using var signer = ProvenanceSigner.LoadOrCreate(_keys, _key);
        var renderer = new VideoRenderer(_world, SceneModel.Conditioning, signer, ProvenanceVerifier.Trusting(signer));
        var job = new RenderJob(Guid.NewGuid(), prompt, "maker", 854, 480, 5, Fps, 11);
        var rendered = await renderer.RenderAsync(job, _ => Task.CompletedTask, () => Task.CompletedTask, CancellationToken.None);
        Assert.Equal("sora-world-1", rendered.Model);
        var plan = Assert.IsType<Sora.Domain.Generations.ScenePlan>(rendered.Scene);
        var subject = plan.Subjects[0];
        output.WriteLine($"{prompt}: {plan.Setting}, {plan.TimeOfDay}, {plan.Camera}; {subject.Count} {subject.Colour} {subject.Kind} {subject.Action}");

        var path = await RenderSupport.SaveAsync(rendered.Mp4);
        IReadOnlyList<RgbImage> frames;
        try
        {
            frames = (await MediaDecoder.DecodeAsync(path, Fps, 428, TimeSpan.FromSeconds(5))).Frames.Select(f => f.Frame).ToList();
        }
        finally
        {
            File.Delete(path);
        }
        Assert.InRange(frames.Count, 118, 121);
        if (Environment.GetEnvironmentVariable("SORA_WORLD_DUMP") is { } dir)
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllBytesAsync(Path.Combine(dir, new string(prompt.Where(char.IsLetter).Take(20).ToArray()) + ".mp4"), rendered.Mp4);
        }
        var (w, h) = (frames[0].Width, frames[0].Height);

        // The subject's colour is there and tracked, and never jumps more than a sixth of the frame between frames.
        var track = frames.Select(f => Blob(f, WorldVocabulary.Colour(subject.Colour))).ToList();
        var seen = track.Count(b => b.Count >= 6);
        Assert.True(seen >= frames.Count * 0.9, $"{subject.Colour} {subject.Kind} seen in {seen} of {frames.Count} frames");
        for (var i = 1; i < track.Count; i++)
            if (track[i].Count >= 6 && track[i - 1].Count >= 6)
                Assert.True(Math.Abs(track[i].X - track[i - 1].X) < w / 6.0 && Math.Abs(track[i].Y - track[i - 1].Y) < h / 6.0,
                    $"frame {i}: the blob moved from ({track[i - 1].X:0},{track[i - 1].Y:0}) to ({track[i].X:0},{track[i].Y:0})");

        // The setting's colours where the plan puts them: sky above (outdoors), ground below, and the two differ.
        var top = MeanRows(frames[frames.Count / 2], 0, 0.1);
        var bottom = MeanRows(frames[frames.Count / 2], 0.88, 1);
        Assert.True(top.Zip(bottom, (a, b) => Math.Abs(a - b)).Sum() > 40, $"top {Show(top)} against bottom {Show(bottom)}");
        if (plan.Setting is not ("gym" or "room"))
            switch (plan.TimeOfDay)
            {
                case "day": Assert.True(top[2] > top[0] + 20, $"a day sky is blue: {Show(top)}"); break;
                case "sunset": Assert.True(top[0] > top[2] + 20, $"a sunset sky is warm: {Show(top)}"); break;
                case "night": Assert.True(top.Average() < 60, $"a night sky is dark: {Show(top)}"); break;
            }

        if (subject.Action is "bounce" or "fall")
        {
            var rows = track.Select(b => b.Y).ToArray();
            // The first fall, until it turns, is a parabola (the camera holds still for a bounce).
            var fall = 1;
            while (fall < rows.Length && rows[fall] >= rows[fall - 1] - 0.3) fall++;
            Assert.True(fall >= 6, $"the first fall lasts {fall} frames");
            var misfit = ParabolaMisfit(rows[..fall], Fps);
            Assert.True(misfit < 0.05, $"the first fall against a parabola: misfit {misfit:0.000}");
            var apexes = Apexes(rows, fall);
            output.WriteLine($"apex rows: {string.Join(", ", apexes.Select(i => rows[i].ToString("0.0")))}");
            if (subject.Action == "bounce")
            {
                Assert.True(apexes.Count >= 2, $"{apexes.Count} apexes");
                for (var i = 1; i < apexes.Count; i++) Assert.True(rows[apexes[i]] > rows[apexes[i - 1]], "each apex is lower than the one before");
            }
            // Every bounce is heard on its frame (give or take two: a bounce can fall between frames).
            var bounces = Bottoms(rows).Where(i => rows[i] > rows[..fall].Max() - h * 0.05).Take(3).ToList();
            Assert.NotEmpty(bounces);
            foreach (var b in bounces)
                Assert.Contains(rendered.Sound.ImpactSeconds, s => Math.Abs(s * Fps - b) <= 2);
        }
    }

    [Fact]
    public async Task A_cameo_is_a_figure_whose_head_is_the_verified_face()
    {
        using var signer = ProvenanceSigner.LoadOrCreate(_keys, _key);
        var renderer = new VideoRenderer(_world, SceneModel.Conditioning, signer, ProvenanceVerifier.Trusting(signer));
        var face = await StillImage.DecodeAsync(Fixtures.Path("faces/person-a.png"), 256);
        var job = new RenderJob(Guid.NewGuid(), "@alex walking by the sea", "maker", 480, 270, 5, Fps, 11);

        async Task<int> FramesWithAFace(RenderJob j)
        {
            var rendered = await renderer.RenderAsync(j, _ => Task.CompletedTask, () => Task.CompletedTask, CancellationToken.None);
            var path = await RenderSupport.SaveAsync(rendered.Mp4);
            if (Environment.GetEnvironmentVariable("SORA_WORLD_DUMP") is { } dir)
                await File.WriteAllBytesAsync(Path.Combine(dir, $"cameo-{j.CameoFaces?.Count ?? 0}.mp4"), rendered.Mp4);
            try
            {
                var frames = (await MediaDecoder.DecodeAsync(path, 2, 480, TimeSpan.FromSeconds(5))).Frames;
                using var detector = new Sora.Render.Cameos.UltraFaceDetector(Fixtures.Models);
                return frames.Count(f => detector.Detect(f.Frame).Count > 0);
            }
            finally
            {
                File.Delete(path);
            }
        }

        var withCameo = await FramesWithAFace(job with { CameoFaces = [face] });
        var without = await FramesWithAFace(job);
        Assert.True(withCameo >= 8, $"a face in {withCameo} of 10 frames with the cameo");
        Assert.True(without <= 1, $"a face in {without} of 10 frames without it");
        var plan = _world.Plan(new SceneRequest([], 11, 120, 68, Fps, 120, Prompt: job.Prompt));
        Assert.Equal("beach", plan.Setting); // walking by the sea happens on its shore
        Assert.Contains(plan.Subjects, s => s is { Kind: "person", Cameo: 0, Action: "walk" });
    }

    [Fact]
    public async Task Image_to_video_puts_the_planned_subject_into_the_photo_with_parallax()
    {
        using var signer = ProvenanceSigner.LoadOrCreate(_keys, _key);
        var renderer = new VideoRenderer(_world, SceneModel.Conditioning, signer, ProvenanceVerifier.Trusting(signer));
        var photo = Fixtures.Path("media/landscape-dock.jpg");
        var job = new RenderJob(Guid.NewGuid(), "a red ball bouncing", "maker", 640, 360, 5, Fps, 11, ImagePath: photo);

        async Task<IReadOnlyList<RgbImage>> Frames(RenderJob j)
        {
            var rendered = await renderer.RenderAsync(j, _ => Task.CompletedTask, () => Task.CompletedTask, CancellationToken.None);
            var path = await RenderSupport.SaveAsync(rendered.Mp4);
            try
            {
                return (await MediaDecoder.DecodeAsync(path, Fps, 428, TimeSpan.FromSeconds(5))).Frames.Select(f => f.Frame).ToList();
            }
            finally
            {
                File.Delete(path);
            }
        }

        var frames = await Frames(job);
        var plain = await Frames(job with { ImagePath = null });
        // The photo is the picture (cover-fitted as the plate is), not the built-in setting.
        var still = await StillImage.DecodeAsync(photo, 2048);
        var (w, h) = (frames[0].Width, frames[0].Height);
        var scale = Math.Max((double)w / still.Width, (double)h / still.Height);
        var fitted = still.CropResize((float)((still.Width - w / scale) / 2), (float)((still.Height - h / scale) / 2), (float)(w / scale), (float)(h / scale), w, h);
        var withPhoto = RenderSupport.Distance(RenderSupport.Thumb(frames[0]), RenderSupport.Thumb(fitted));
        var withoutPhoto = RenderSupport.Distance(RenderSupport.Thumb(plain[0]), RenderSupport.Thumb(fitted));
        Assert.True(withPhoto < withoutPhoto * 0.6, $"against the photo: {withPhoto:0.0} with it, {withoutPhoto:0.0} without");
        // The planned subject is in it.
        var red = frames.Count(f => Blob(f, WorldVocabulary.Colour("red")).Count >= 6);
        Assert.True(red >= frames.Count * 0.9, $"the red ball in {red} of {frames.Count} frames");
        // Parallax: as the camera drifts, the near (bottom) band moves further than the far (top) one.
        var later = frames[(int)(2.2 * Fps)];
        var (top, bottom) = (Shift(frames[0], later, 0.02, 0.2), Shift(frames[0], later, 0.8, 0.98));
        Assert.True(Math.Abs(bottom) > Math.Abs(top) + 3, $"shift of the top band {top} px, of the bottom band {bottom} px");
    }

    /// <summary>The horizontal shift (px) that best maps the rows between two fractions of the height of one frame onto another's.</summary>
    private static int Shift(RgbImage a, RgbImage b, double from, double to)
    {
        var (best, at) = (double.MaxValue, 0);
        for (var dx = -40; dx <= 40; dx++)
        {
            double sum = 0;
            var n = 0;
            for (var y = (int)(from * a.Height); y < (int)(to * a.Height); y++)
            for (var x = 45; x < a.Width - 45; x++)
            {
                var (oa, ob) = ((y * a.Width + x) * 3, (y * b.Width + x + dx) * 3);
                sum += Math.Abs(a.Pixels[oa] - b.Pixels[ob]) + Math.Abs(a.Pixels[oa + 1] - b.Pixels[ob + 1]) + Math.Abs(a.Pixels[oa + 2] - b.Pixels[ob + 2]);
                n++;
            }
            if (sum / n < best) (best, at) = (sum / n, dx);
        }
        return at;
    }

    private static string Show(double[] c) => string.Join(",", c.Select(v => v.ToString("0")));

    public void Dispose()
    {
        _world.Dispose();
        _key.Dispose();
        Directory.Delete(_keys, true);
    }
}
