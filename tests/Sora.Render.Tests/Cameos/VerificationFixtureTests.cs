using Sora.Render.Cameos;
using Xunit;
using Xunit.Abstractions;

namespace Sora.Render.Tests.Cameos;

/// <summary>Every recording in ../shared/fixtures/cameo gets the outcome its README states, with the real models.</summary>
[Collection("models")]
public sealed class VerificationFixtureTests(ModelsFixture models, ITestOutputHelper output)
{
    [Theory]
    [InlineData("cameo/valid-a.mp4", null)]
    [InlineData("cameo/valid-b.mp4", null)]
    [InlineData("cameo/valid-c.webm", null)]
    [InlineData("cameo/no-face.mp4", VerificationFailure.NoFace)]
    [InlineData("cameo/silent.mp4", VerificationFailure.NoSpeech)]
    [InlineData("cameo/still-photo.mp4", VerificationFailure.NoLivenessMotion)]
    [InlineData("cameo/two-people.mp4", VerificationFailure.IdentityChanged)]
    [InlineData("cameo/two-faces-at-once.mp4", VerificationFailure.MultipleFaces)]
    [InlineData("cameo/truncated.mp4", VerificationFailure.UnreadableMedia)]
    [InlineData("cameo/not-a-video.mp4", VerificationFailure.UnreadableMedia)]
    [InlineData("cameo/tiny-1s.mp4", VerificationFailure.TooShort)]
    [InlineData("cameo/audio-only.m4a", VerificationFailure.UnreadableMedia)]
    public async Task Each_recording_gets_its_expected_outcome(string clip, VerificationFailure? expected)
    {
        var result = await models.Verifier().VerifyAsync(Fixtures.Path(clip));
        output.WriteLine($"{clip}: {result.Failure?.ToString() ?? "VERIFIED"} - {result.Detail}");
        output.WriteLine($"  {result.Metrics}");
        Assert.Equal(expected, result.Failure);
        Assert.Equal(expected is null, result.Template is not null);
    }

    [Fact]
    public async Task A_verified_template_matches_its_person_and_not_the_others()
    {
        var template = (await models.Verifier().VerifyAsync(Fixtures.Path("cameo/valid-b.mp4"))).Template!;
        var scores = new Dictionary<string, float>();
        foreach (var person in "abcdefgh")
            scores[$"person-{person}"] = FaceTemplate.Cosine(template, await StillTemplate.OfAsync(models, Fixtures.Path($"faces/person-{person}.png")));
        output.WriteLine(string.Join(", ", scores.Select(kv => $"{kv.Key} {kv.Value:0.00}")));

        // Calibration (docs/cameos.md): same person from the recording to a photo 0.95; strangers at most 0.43.
        Assert.True(scores["person-b"] > 0.8f, $"same person scored {scores["person-b"]:0.00}");
        Assert.All(scores.Where(kv => kv.Key != "person-b"), kv => Assert.True(kv.Value < 0.5f, $"{kv.Key} scored {kv.Value:0.00}"));
    }
}
