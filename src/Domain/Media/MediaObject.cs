namespace Sora.Domain.Media;

public enum MediaKind
{
    /// <summary>An input a user uploaded (image-to-video).</summary>
    Upload,
    Video,
    Poster,
}

/// <summary>
/// What the host knows about a stored object: who may see it follows from its owner and generation. Keyed per
/// owner and kind (<see cref="KeyFor"/>), since the same bytes may be uploaded by two people.
/// </summary>
public sealed class MediaObject
{
    public string Id { get; set; } = "";
    /// <summary>The content id (SHA-256 hex) the bytes are stored under.</summary>
    public string Sha256 { get; set; } = "";
    public MediaKind Kind { get; set; }
    public string ContentType { get; set; } = "application/octet-stream";
    public long Bytes { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? GenerationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static string KeyFor(MediaKind kind, Guid owner, string sha256) => $"{kind.ToString().ToLowerInvariant()}:{owner:N}:{sha256}";
}
