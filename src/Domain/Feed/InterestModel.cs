namespace Sora.Domain.Feed;

/// <summary>
/// Online learning of a viewer's taste. Every signal adds the video's content vector, times
/// <see cref="LearningRate"/> × strength, to the viewer's interest vector after the vector has decayed by
/// <see cref="Decay"/>; author affinity moves by the strength. The vector is a decaying sum, not a unit vector: its
/// length is the evidence behind it, so a weak first signal (a half-watched video) is outweighed by the next strong
/// one instead of fixing the direction on its own. Ranking compares directions (cosine). The strengths are published
/// in docs/feed.md; the same code runs in the projection and the quality harness (./sora bench feed-quality), which
/// is how the rule was chosen: re-normalising after each signal let the first signal dominate and lost to the
/// popularity baseline.
/// </summary>
public static class InterestModel
{
    public const double LearningRate = 0.35;
    /// <summary>Share of the interest vector forgotten at each signal: half-life of about 34 signals.</summary>
    public const double Decay = 0.02;
    public const double MaxAffinity = 10, MinAffinity = -5;

    public static double Strength(object signal) => signal switch
    {
        VideoViewed { Completed: true } => 1.0,
        VideoViewed v when v.WatchFraction < 0.2 => -0.4, // a quick swipe away
        VideoViewed v when v.WatchFraction >= 0.5 => 0.5 * v.WatchFraction,
        VideoViewed => 0, // 20–50%: neither
        VideoLiked => 1.5,
        VideoUnliked => -1.0,
        VideoShared => 2.0,
        CommentPosted => 1.0,
        VideoFeedbackGiven { Kind: FeedbackKind.SeeLess } => -1.0,
        VideoFeedbackGiven { Kind: FeedbackKind.NotInterested } => -2.0,
        VideoFeedbackGiven { Kind: FeedbackKind.Hide } => -2.5,
        _ => 0,
    };

    /// <summary>
    /// u ← (1 − λ)·u + η·s·v. An empty vector (no history yet) starts at zero, and so does one of another dimension
    /// than the content: it was learned in an earlier embedder's space (64-dimension lexical before the 384-dimension
    /// sentence model), where its directions mean nothing now (docs/feed.md, migration).
    /// </summary>
    public static float[] Update(float[]? interest, float[] content, double strength)
    {
        if (content.Length == 0) return interest ?? [];
        var u = interest is { Length: > 0 } && interest.Length == content.Length ? (float[])interest.Clone() : new float[content.Length];
        if (strength == 0) return u;
        for (var i = 0; i < u.Length; i++) u[i] = (float)((1 - Decay) * u[i] + LearningRate * strength * content[i]);
        return u;
    }

    public static double UpdateAffinity(double affinity, double strength) => Math.Clamp(affinity + strength, MinAffinity, MaxAffinity);

    public static float[] Normalize(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        if (norm < 1e-6f) return v;
        for (var i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }

    public static double Cosine(float[]? a, float[]? b)
    {
        if (a is null || b is null || a.Length != b.Length || a.Length == 0) return 0;
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) (dot, na, nb) = (dot + a[i] * b[i], na + a[i] * a[i], nb + b[i] * b[i]);
        return na < 1e-12 || nb < 1e-12 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>The viewer's taste with assistant topics blended in (weight <see cref="AssistantBlend"/>) when connected.</summary>
    public const double AssistantBlend = 0.6;

    /// <summary>Both directions are unit-normalised first: the blend weighs directions, not amounts of evidence.</summary>
    public static float[]? Blend(float[]? interest, float[]? assistant)
    {
        if (assistant is null) return interest;
        if (interest is null || interest.Length != assistant.Length) return assistant;
        var (u, a) = (Normalize((float[])interest.Clone()), Normalize((float[])assistant.Clone()));
        var blended = new float[u.Length];
        for (var i = 0; i < blended.Length; i++) blended[i] = u[i] + (float)AssistantBlend * a[i];
        return Normalize(blended);
    }

    /// <summary>
    /// Topic keys: the strongest signed dimensions of a content vector, as strings ("12+", "40-"). Videos are
    /// indexed by them (a GIN index), so "similar to your interests" is an index lookup, not a scan of every vector.
    /// </summary>
    public static string[] TopicKeys(float[]? vector, int count = 4) =>
        vector is null ? [] : vector.Select((x, i) => (x, i)).Where(p => MathF.Abs(p.x) > 0.05f)
            .OrderByDescending(p => MathF.Abs(p.x)).Take(count).Select(p => $"{p.i}{(p.x >= 0 ? '+' : '-')}").ToArray();
}
