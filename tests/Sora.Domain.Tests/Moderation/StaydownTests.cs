using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Xunit;

namespace Sora.Domain.Tests.Moderation;

/// <summary>Staydown's matcher, and the decisions that put a removed video's fingerprint in force and refuse its copies.</summary>
public sealed class StaydownTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Video = Guid.NewGuid();

    /// <summary>Frames that differ in half their bits from each other (a seeded generator), so unrelated frames are far apart.</summary>
    private static long[] Frames(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextInt64() & long.MaxValue).ToArray();
    }

    private static long Flip(long hash, int bits) => Enumerable.Range(0, bits).Aggregate(hash, (h, b) => h ^ (1L << (b * 5)));

    private static StaydownEntry Entry(long[] frames, long[]? variants = null, int[]? audio = null, bool active = true) =>
        new(Staydown.EntryIdFor(Video), ModerationCase.IdFor(ReportTarget.Video, Video), Video, ReportReason.LikenessWithoutConsent, frames,
            variants ?? [], audio ?? [], 5, Now) { Active = active };

    private static MediaFingerprint Clip(long[] frames, int[]? audio = null) => new(frames, [], audio ?? [], 5);

    [Fact]
    public void A_copy_whose_frames_are_a_few_bits_off_matches_and_an_unrelated_clip_does_not()
    {
        var removed = Frames(10, 1);
        var copy = Clip(removed.Select(h => Flip(h, StaydownMatcher.FrameDistance - 2)).Reverse().ToArray());
        var score = StaydownMatcher.Score(copy, Entry(removed));
        Assert.Equal((1.0, 10), (score.FrameShare, score.FramesMatched));
        Assert.True(StaydownMatcher.Matches(copy, score));

        var unrelated = Clip(Frames(10, 2));
        Assert.False(StaydownMatcher.Matches(unrelated, StaydownMatcher.Score(unrelated, Entry(removed))));
        // Just past the distance, no frame counts.
        var far = Clip(removed.Select(h => Flip(h, StaydownMatcher.FrameDistance + 1)).ToArray());
        Assert.Equal(0, StaydownMatcher.Score(far, Entry(removed)).FramesMatched);
    }

    [Fact]
    public void A_mirrored_or_cropped_copy_matches_through_the_removed_frames_variants()
    {
        var removed = Frames(6, 3);
        var mirrored = Frames(6, 4);
        var copy = Clip(mirrored);
        Assert.Equal(0, StaydownMatcher.Score(copy, Entry(removed)).FramesMatched);
        Assert.True(StaydownMatcher.Matches(copy, StaydownMatcher.Score(copy, Entry(removed, variants: mirrored))));
    }

    [Fact]
    public void Half_the_frames_must_match_or_a_quarter_with_the_sound_and_never_fewer_than_two()
    {
        var removed = Frames(8, 5);
        var sound = Enumerable.Range(0, 60).Select(i => i * 7919 * 31337).ToArray();
        // A clip with 3 of 8 frames from the removed video: not enough on frames alone...
        var partial = removed.Take(3).Concat(Frames(5, 6)).ToArray();
        Assert.False(StaydownMatcher.Matches(Clip(partial), StaydownMatcher.Score(Clip(partial), Entry(removed))));
        // ...enough with the same sound.
        var withSound = Clip(partial, sound);
        var score = StaydownMatcher.Score(withSound, Entry(removed, audio: sound));
        Assert.Equal(0, score.AudioBer);
        Assert.True(StaydownMatcher.Matches(withSound, score));
        // The same sound and one matching frame: sound alone never decides (unrelated clips share soundtracks).
        var oneFrame = Clip([removed[0], .. Frames(1, 7)], sound);
        Assert.False(StaydownMatcher.Matches(oneFrame, StaydownMatcher.Score(oneFrame, Entry(removed, audio: sound))));
    }

    [Fact]
    public void An_image_matches_on_one_close_frame_under_the_tighter_image_distance()
    {
        var removed = Frames(8, 8);
        var still = new MediaFingerprint([Flip(removed[4], StaydownMatcher.ImageDistance)], [], [], 0);
        Assert.True(still.IsImage);
        Assert.True(StaydownMatcher.Matches(still, StaydownMatcher.Score(still, Entry(removed))));
        var looser = new MediaFingerprint([Flip(removed[4], StaydownMatcher.ImageDistance + 2)], [], [], 0);
        Assert.False(StaydownMatcher.Matches(looser, StaydownMatcher.Score(looser, Entry(removed))));
    }

    [Fact]
    public void The_bit_error_rate_finds_the_sound_at_an_offset()
    {
        var random = new Random(9);
        var sound = Enumerable.Range(0, 80).Select(_ => random.Next()).ToArray();
        Assert.Equal(0, StaydownMatcher.BitErrorRate(sound[15..], sound));
        var other = Enumerable.Range(0, 80).Select(_ => random.Next()).ToArray();
        Assert.InRange(StaydownMatcher.BitErrorRate(other, sound), 0.3, 0.5); // random bits differ in about half
        Assert.Equal(1, StaydownMatcher.BitErrorRate(sound[..10], sound)); // too short to say
    }

    [Fact]
    public void Index_bands_tag_each_16_bit_band_with_its_position_and_a_probe_image_also_looks_one_bit_away()
    {
        Assert.Equal([0x0000_1234, 0x0001_0000 | 0x5678, 0x0002_0000 | 0x1111, 0x0003_0000 | 0x2222], StaydownMatcher.Bands([0x2222_1111_5678_1234L]));
        var image = new MediaFingerprint([0L], [], [], 0);
        var keys = StaydownMatcher.ProbeBands(image);
        // Every single-bit neighbour of 0: 16 per band plus the zero band itself, four bands.
        Assert.Equal(4 * 17, keys.Length);
    }

    [Fact]
    public void A_fingerprint_goes_into_force_only_while_the_video_is_still_removed()
    {
        var caseId = ModerationCase.IdFor(ReportTarget.Video, Video);
        var reported = ModerationCase.Create(new ReportFiled(Guid.NewGuid(), caseId, Guid.NewGuid(), ReportTarget.Video, Video, Guid.NewGuid(),
            ReportReason.SexualContent, false, Now));
        var removed = reported.Apply(new ContentRemoved(caseId, ReportTarget.Video, Video, Guid.NewGuid(), ReportReason.SexualContent, Now));
        var command = new RecordStaydownFingerprint(caseId, Video, "sha", new MediaFingerprint(Frames(4, 10), [], [], 4));

        var recorded = Assert.IsType<StaydownFingerprintRecorded>(Assert.Single(RecordStaydownFingerprintDecider.Decide(command, removed, null, Now).Events));
        Assert.Equal((Staydown.EntryIdFor(Video), ReportReason.SexualContent), (recorded.EntryId, recorded.Reason));
        var entry = StaydownEntry.Create(recorded);
        // Delivered twice: recorded once. Restored meanwhile: nothing to stay down. Lifted, then removed again: in force again.
        Assert.Empty(RecordStaydownFingerprintDecider.Decide(command, removed, entry, Now).Events);
        var restored = removed.Apply(new ContentRestored(caseId, ReportTarget.Video, Video, Guid.NewGuid(), Now));
        Assert.Empty(RecordStaydownFingerprintDecider.Decide(command, restored, null, Now).Events);
        var lifted = entry.Apply(new StaydownLifted(entry.Id, caseId, Video, Now));
        Assert.False(lifted.Active);
        Assert.True(lifted.Apply((StaydownFingerprintRecorded)RecordStaydownFingerprintDecider.Decide(command, removed, lifted, Now).Events[0]).Active);
        // A media without frames or sound could never match: nothing recorded.
        Assert.Empty(RecordStaydownFingerprintDecider.Decide(command with { Fingerprint = new([], [], [], 1) }, removed, null, Now).Events);
    }

    [Fact]
    public void A_match_is_refused_with_its_code_and_recorded_as_a_system_case_on_the_new_item()
    {
        var upload = Guid.NewGuid();
        var owner = Guid.NewGuid();
        var subject = new StaydownSubject(ReportTarget.Upload, upload, owner, "image");
        Assert.Empty(CheckStaydownDecider.Decide(subject, null, Now).Events);

        var match = new StaydownMatch(Entry(Frames(4, 11)), new StaydownScore(0.75, 3, 1));
        var decision = CheckStaydownDecider.Decide(subject, match, Now);
        Assert.Equal((Staydown.MatchesRemovedContent, "image"), (decision.Refusal!.Code, decision.Refusal.Field));
        var flagged = Assert.IsType<StaydownMatched>(Assert.Single(decision.Events));
        Assert.Equal((ModerationCase.IdFor(ReportTarget.Upload, upload), owner, Video), (flagged.CaseId, flagged.AuthorId, flagged.MatchedVideoId));

        // The case is urgent like what it copies, counts no person as a reporter, and a second refusal adds to it.
        var @case = ModerationCase.Create(flagged).Apply(flagged with { At = Now.AddMinutes(5) });
        Assert.Equal((CaseStatus.Open, 0, 2, 2), (@case.Status, @case.PriorityClass, @case.StaydownMatches, @case.ReportCount));
        Assert.Empty(@case.Reporters);
        Assert.Equal(Now + ModerationPolicy.UrgentDeadline, @case.DueAt);
    }
}
