using System.Text.Json.Serialization;

namespace Sora.Domain.Feed;

/// <summary>
/// The one visibility read model: a document exists exactly while its video may be shown to the public (published,
/// ready, not withdrawn, not blocked, and every cameo use it shows still standing). Feeds, trending, comment lists
/// and the video query all ask this one table, so no query carries its own copy of the rules. Maintained inline:
/// the transaction that withdraws, blocks, or revokes a cameo right also deletes the document
/// (<see cref="FeedVideoProjection"/>, and the cameo-usage withdrawal statement).
/// </summary>
public sealed class FeedVideo
{
    public Guid Id { get; set; }
    public Guid AuthorId { get; set; }
    public string AuthorHandle { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public int DurationSeconds { get; set; }
    /// <summary>What the video was made from: searchVideos matches it (full-text index). Public once published.</summary>
    public string Prompt { get; set; } = "";
    /// <summary>Content vector from the prompt embedder (docs/render.md); the feed compares tastes with it.</summary>
    [JsonConverter(typeof(PackedVectorJsonConverter))]
    public float[] Vector { get; set; } = [];
    /// <summary>Strongest signed dimensions of <see cref="Vector"/>, GIN-indexed: interest candidates by index lookup.</summary>
    public string[] TopicKeys { get; set; } = [];
    /// <summary>Accounts whose cameo appears ("friends' cameos" candidates).</summary>
    public Guid[] CameoOwnerIds { get; set; } = [];
    /// <summary>The cameo uses it shows: a withdrawn use deletes this document in the withdrawing transaction.</summary>
    public Guid[] UseIds { get; set; } = [];
    public Guid? RemixOf { get; set; }
}
