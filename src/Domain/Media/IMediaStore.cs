namespace Sora.Domain.Media;

/// <summary>
/// Content-addressed media storage: an object's id is the lowercase hex SHA-256 of its bytes, so identical media is
/// stored once and an id can never point at changed content. Local disk by default; an S3-compatible store plugs
/// in behind the same interface for scale-out.
/// </summary>
public interface IMediaStore
{
    /// <summary>Stores the file's bytes (the file itself is left alone) and returns the id.</summary>
    Task<string> PutFileAsync(string path, CancellationToken ct = default);

    Task<string> PutAsync(byte[] bytes, CancellationToken ct = default);

    /// <summary>A local path for tools that read files (ffmpeg); null when the object does not exist.</summary>
    string? LocalPath(string id);

    /// <summary>Opens the object for reading (seekable, for range requests); null when it does not exist.</summary>
    Stream? OpenRead(string id);

    /// <summary>Deletes the object's bytes; a missing object is not an error (purges are retried).</summary>
    Task DeleteAsync(string id, CancellationToken ct = default);
}
