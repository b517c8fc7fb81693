using Sora.Domain.Feed;
using System.Text.Json.Serialization;

namespace Sora.Projections.Feed;

/// <summary>
/// What the feed knows of one viewer, learned online (inline: the next page already reflects the last swipe).
/// Everything is bounded (lists keep the most recent, affinity the strongest) so the document stays small for heavy
/// viewers; the seen set, the one list that grows with every view, lives in its own table (<see cref="SeenVideos"/>).
/// </summary>
public sealed class ViewerProfile
{
    public const int MaxSessionServed = 1000;
    /// <summary>Authors kept in <see cref="Affinity"/>: the strongest, either way. Past this (and some slack) the
    /// weakest are dropped, so a viewer who has watched thousands of creators keeps a small profile.</summary>
    public const int MaxAffinityAuthors = 300;

    public Guid Id { get; set; }
    /// <summary>
    /// The version of the viewer's activity stream folded in so far. Views after it are the profile's unfolded tail,
    /// which every reader folds on load (<see cref="ViewerTail"/>): the view write path stays append-only. Null marks a
    /// profile written before the tail existed, which had folded every view inline; its next write sets it.
    /// </summary>
    public long? ActivityVersion { get; set; }
    /// <summary>Interest vector (a decaying sum, InterestModel) in the prompt embedder's space; empty until the first signal on a known video.</summary>
    [JsonConverter(typeof(PackedVectorJsonConverter))]
    public float[] Interest { get; set; } = [];
    public int Signals { get; set; }
    /// <summary>Signals with a positive strength: until the first, <see cref="Interest"/> only says what to avoid.</summary>
    public int PositiveSignals { get; set; }
    /// <summary>Author affinity, from the same signals (clamped to [-5, 10]; at most <see cref="MaxAffinityAuthors"/> authors).</summary>
    public Dictionary<Guid, double> Affinity { get; set; } = [];
    /// <summary>Views since the seen set (<see cref="SeenVideos"/>, its own table) was last trimmed for this viewer:
    /// an upper bound on the rows added, which says when to trim again.</summary>
    public int SeenSinceTrim { get; set; }
    /// <summary>Hidden or "not interested": never shown again.</summary>
    public List<Guid> Excluded { get; set; } = [];
    /// <summary>Authors the viewer asked to see less of.</summary>
    public List<Guid> SeeLessAuthors { get; set; } = [];
    /// <summary>The feed session being paged (cursor) and what it served so far: the next page skips those.</summary>
    public Guid SessionId { get; set; }
    public List<Guid> SessionServed { get; set; } = [];
    /// <summary>Pages the session served: a parent's session page limit (continuous scroll off) counts them.</summary>
    public int SessionPages { get; set; }
    /// <summary>Items served on <see cref="ServedDay"/> (UTC): what the daily scroll cap counts.</summary>
    public DateOnly ServedDay { get; set; }
    public int ServedToday { get; set; }
    public string? LastRegion { get; set; }
    /// <summary>Watch time reported on <see cref="WatchDay"/> (UTC): what a parent's daily minute cap counts.</summary>
    public DateOnly WatchDay { get; set; }
    public long WatchedMsToday { get; set; }

    public int ServedOn(DateOnly day) => ServedDay == day ? ServedToday : 0;
    public long WatchedMsOn(DateOnly day) => WatchDay == day ? WatchedMsToday : 0;
}
