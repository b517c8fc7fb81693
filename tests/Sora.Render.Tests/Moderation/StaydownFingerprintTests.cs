using System.Diagnostics;
using Sora.Domain.Moderation;
using Sora.Render.Moderation;
using Xunit;

namespace Sora.Render.Tests.Moderation;

/// <summary>The fingerprint on real media: ffmpeg-made copies of a fixture match it; another fixture does not.</summary>
public sealed class StaydownFingerprintTests
{
    private readonly StaydownFingerprinter fingerprinter = new();

    private static async Task<string> CopyAsync(string input, string extension, params string[] args)
    {
        var output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sora-fp-{Guid.NewGuid():N}.{extension}");
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-y", "-i", input }.Concat(args).Append(output)) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return output;
    }

    private static StaydownEntry Removed(MediaFingerprint print) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ReportReason.Other, print.Frames, print.Variants, print.Audio, print.Seconds, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Mirrored_cropped_and_sped_up_copies_match_the_original_and_another_clip_does_not()
    {
        var source = Fixtures.Path("media/person-b-clip.mp4");
        var original = await fingerprinter.FingerprintAsync(source, default);
        Assert.InRange(original.Frames.Length, 10, 12); // 6 s at 2 fps
        Assert.True(original.Variants.Length > original.Frames.Length * 10); // mirrored and nine crops, both ways
        Assert.NotEmpty(original.Audio); // Chromaprint of the voice
        var removed = Removed(original);

        string[] copies =
        [
            await CopyAsync(source, "mp4", "-vf", "hflip,crop=trunc(iw*0.9/2)*2:trunc(ih*0.9/2)*2:0:0", "-c:v", "libx264", "-preset", "veryfast", "-crf", "30", "-c:a", "aac"),
            await CopyAsync(source, "mp4", "-filter_complex", "[0:v]setpts=PTS/1.1,scale=trunc(iw/4)*2:-2[v];[0:a]atempo=1.1[a]", "-map", "[v]", "-map", "[a]",
                "-c:v", "mpeg4", "-q:v", "8", "-c:a", "aac"),
        ];
        try
        {
            foreach (var copy in copies)
            {
                var probe = await fingerprinter.FingerprintAsync(copy, default);
                var score = StaydownMatcher.Score(probe, removed);
                Assert.True(StaydownMatcher.Matches(probe, score), $"{copy}: share {score.FrameShare}, ber {score.AudioBer}");
            }
        }
        finally
        {
            foreach (var copy in copies) File.Delete(copy);
        }

        var other = await fingerprinter.FingerprintAsync(Fixtures.Path("media/scenery-4s.mp4"), default);
        var unrelated = StaydownMatcher.Score(other, removed);
        Assert.False(StaydownMatcher.Matches(other, unrelated));
        Assert.Equal(0, unrelated.FramesMatched);
    }

    [Fact]
    public async Task A_still_is_one_frame_with_no_sound_and_what_is_not_media_is_refused()
    {
        var still = await fingerprinter.FingerprintAsync(Fixtures.Path("faces/no-face-coffee.png"), default);
        Assert.True(still.IsImage);
        Assert.Single(still.Frames);
        Assert.Empty(still.Audio);
        await Assert.ThrowsAsync<InvalidDataException>(() => fingerprinter.FingerprintAsync(Fixtures.Path("cameo/not-a-video.mp4"), default));
    }
}
