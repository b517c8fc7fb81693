namespace Sora.Projections.Feed;

/// <summary>
/// What the feed knows of one viewer, learned online (inline: the next page already reflects the last swipe).
/// Lists are bounded (most recent first kept) so the document stays small for heavy viewers.
/// </summary>
public sealed class ViewerProfile
{
    public const int MaxSeen = 3000;
    public const int MaxSessionServed = 1000;

    public Guid Id { get; set; }
    /// <summary>Interest vector (a decaying sum, InterestModel) in the prompt embedder's space; empty until the first signal on a known video.</summary>
    public float[] Interest { get; set; } = [];
    public int Signals { get; set; }
    /// <summary>Signals with a positive strength: until the first, <see cref="Interest"/> only says what to avoid.</summary>
    public int PositiveSignals { get; set; }
    /// <summary>Author affinity, from the same signals (clamped to [-5, 10]).</summary>
    public Dictionary<Guid, double> Affinity { get; set; } = [];
    /// <summary>Videos watched: excluded from For You and Trending server-side.</summary>
    public List<Guid> Seen { get; set; } = [];
    /// <summary>Hidden or "not interested": never shown again.</summary>
    public List<Guid> Excluded { get; set; } = [];
    /// <summary>Authors the viewer asked to see less of.</summary>
    public List<Guid> SeeLessAuthors { get; set; } = [];
    /// <summary>The feed session being paged (cursor) and what it served so far: the next page skips those.</summary>
    public Guid SessionId { get; set; }
    public List<Guid> SessionServed { get; set; } = [];
    /// <summary>Items served on <see cref="ServedDay"/> (UTC): what the daily scroll cap counts.</summary>
    public DateOnly ServedDay { get; set; }
    public int ServedToday { get; set; }
    public string? LastRegion { get; set; }

    public int ServedOn(DateOnly day) => ServedDay == day ? ServedToday : 0;
}
