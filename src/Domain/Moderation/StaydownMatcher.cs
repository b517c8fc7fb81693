using System.Numerics;

namespace Sora.Domain.Moderation;

/// <summary>How a probe compares with one removed video: the share of its frames that found a close frame, and the
/// best bit-error rate of its sound against the removed sound (1 when either has none).</summary>
public sealed record StaydownScore(double FrameShare, int FramesMatched, double AudioBer);

/// <summary>
/// The matcher (pure). A frame of the probe matches when some frame hash of the removed video, as it is or one of its
/// variants (mirrored, cropped by 10 % anywhere, both), lies within <see cref="FrameDistance"/> bits. A video matches when at least <see cref="VideoShare"/> of its
/// frames do, and at least <see cref="MinFrames"/> (frames are compared in any order, so a changed speed or a cut does
/// not misalign them); or, with its sound matching (<see cref="AudioBer"/>), when <see cref="VideoShareWithAudio"/> of
/// them do. An image matches on one frame within <see cref="ImageDistance"/>. Thresholds and measured rates:
/// docs/moderation.md ("Staydown"), from <c>./sora bench staydown</c>.
/// </summary>
public static class StaydownMatcher
{
    public const int FrameDistance = 12;
    public const int ImageDistance = 8;
    public const double VideoShare = 0.5;
    public const double VideoShareWithAudio = 0.25;
    public const int MinFrames = 2;
    public const double AudioBer = 0.3;
    /// <summary>Chromaprint values overlapped before a bit-error rate counts (about 2.5 s of sound).</summary>
    public const int MinAudioOverlap = 20;
    /// <summary>Frames and sound values compared at most per side: bounds the work of one comparison.</summary>
    public const int MaxFrames = 120;
    public const int MaxAudio = 1200;
    /// <summary>Variants of one frame: mirrored, and nine crops each as they are and mirrored.</summary>
    public const int MaxVariantsPerFrame = 19;

    public static int Hamming(long a, long b) => BitOperations.PopCount((ulong)(a ^ b));

    /// <summary>
    /// The index keys of a set of hashes: each hash's four 16-bit bands, tagged with their position. Two hashes within
    /// 3 bits share a band for certain, and true copies share many over their frames; unrelated media rarely do.
    /// </summary>
    public static int[] Bands(IEnumerable<long> hashes) =>
        hashes.SelectMany(h => Enumerable.Range(0, 4).Select(b => (b << 16) | (int)(((ulong)h >> (16 * b)) & 0xFFFF))).Distinct().Order().ToArray();

    /// <summary>
    /// The keys a probe looks up. A video has many frames, so some frame of a copy shares a band exactly; an image has
    /// one, so it also looks up every hash one bit away (a band with one flipped bit is found too).
    /// </summary>
    public static int[] ProbeBands(MediaFingerprint probe)
    {
        var frames = probe.Frames.Take(MaxFrames).ToArray();
        if (!probe.IsImage) return Bands(frames);
        return Bands(frames.SelectMany(h => Enumerable.Range(0, 64).Select(bit => h ^ (1L << bit)).Prepend(h)));
    }

    public static StaydownScore Score(MediaFingerprint probe, StaydownEntry removed)
    {
        var reference = removed.Frames.Take(MaxFrames).Concat(removed.Variants.Take(MaxFrames * MaxVariantsPerFrame)).ToArray();
        var frames = probe.Frames.Take(MaxFrames).ToArray();
        var limit = probe.IsImage ? ImageDistance : FrameDistance;
        var matched = reference.Length == 0 ? 0 : frames.Count(q => reference.Min(h => Hamming(q, h)) <= limit);
        return new StaydownScore(frames.Length == 0 ? 0 : (double)matched / frames.Length, matched, BitErrorRate(probe.Audio, removed.Audio));
    }

    public static bool Matches(MediaFingerprint probe, StaydownScore score)
    {
        if (probe.IsImage) return score.FramesMatched > 0;
        if (score.FramesMatched < MinFrames) return false;
        return score.FrameShare >= VideoShare || (score.AudioBer <= AudioBer && score.FrameShare >= VideoShareWithAudio);
    }

    /// <summary>
    /// The lowest bit-error rate of one Chromaprint against the other over every alignment that overlaps at least
    /// <see cref="MinAudioOverlap"/> values; 1 when there is not that much sound.
    /// </summary>
    public static double BitErrorRate(int[] a, int[] b)
    {
        a = a.Length > MaxAudio ? a[..MaxAudio] : a;
        b = b.Length > MaxAudio ? b[..MaxAudio] : b;
        if (a.Length < MinAudioOverlap || b.Length < MinAudioOverlap) return 1;
        var best = 1.0;
        for (var offset = -(b.Length - MinAudioOverlap); offset <= a.Length - MinAudioOverlap; offset++)
        {
            int from = Math.Max(0, offset), to = Math.Min(a.Length, offset + b.Length);
            long errors = 0;
            for (var i = from; i < to; i++) errors += BitOperations.PopCount((uint)(a[i] ^ b[i - offset]));
            best = Math.Min(best, errors / (32.0 * (to - from)));
        }
        return best;
    }
}
