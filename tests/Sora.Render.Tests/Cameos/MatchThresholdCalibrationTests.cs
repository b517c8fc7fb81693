using System.Diagnostics;
using Sora.Render.Cameos;
using Sora.Render.Media;
using Xunit;
using Xunit.Abstractions;

namespace Sora.Render.Tests.Cameos;

/// <summary>
/// The likeness match threshold, calibrated on ../shared/fixtures/faces: different people are every pair of the
/// eight single-face photos; the same person is each photo against itself flipped, blurred, downscaled and in
/// grayscale (made with ffmpeg filters). The threshold must sit between the two distributions.
/// </summary>
[Collection("models")]
public sealed class MatchThresholdCalibrationTests(ModelsFixture models, ITestOutputHelper output)
{
    private static readonly string[] Variants = ["hflip", "gblur=sigma=2", "scale=iw/3:ih/3", "format=gray,format=rgb24"];

    [Fact]
    public async Task The_threshold_separates_same_person_from_different_people()
    {
        var people = "abcdefgh".Select(p => $"faces/person-{p}.png").ToList();
        var originals = new Dictionary<string, float[]>();
        foreach (var person in people) originals[person] = await StillTemplate.OfAsync(models, Fixtures.Path(person));

        var different = new List<float>();
        for (var i = 0; i < people.Count; i++)
        for (var j = i + 1; j < people.Count; j++)
            different.Add(FaceTemplate.Cosine(originals[people[i]], originals[people[j]]));

        var same = new List<float>();
        foreach (var person in people)
        foreach (var filter in Variants)
            same.Add(FaceTemplate.Cosine(originals[person], await VariantTemplateAsync(Fixtures.Path(person), filter)));

        output.WriteLine($"different people ({different.Count} pairs): min {different.Min():0.00} median {Median(different):0.00} max {different.Max():0.00}");
        output.WriteLine($"same person ({same.Count} variants): min {same.Min():0.00} median {Median(same):0.00} max {same.Max():0.00}");
        Assert.True(different.Max() < LikenessProtection.MatchThreshold, $"a stranger scored {different.Max():0.00}");
        Assert.True(same.Min() > LikenessProtection.MatchThreshold, $"the same person scored {same.Min():0.00}");
    }

    private async Task<float[]> VariantTemplateAsync(string image, string filter)
    {
        var variant = Path.Combine(Path.GetTempPath(), $"sora-variant-{Guid.NewGuid():N}.png");
        try
        {
            using var ffmpeg = Process.Start("ffmpeg", ["-nostdin", "-v", "error", "-y", "-i", image, "-vf", filter, variant])!;
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);
            return await StillTemplate.OfAsync(models, variant);
        }
        finally
        {
            File.Delete(variant);
        }
    }

    private static float Median(List<float> values) => values.Order().ElementAt(values.Count / 2);
}
