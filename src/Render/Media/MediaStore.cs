using System.Security.Cryptography;

namespace Sora.Render.Media;

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
}

/// <summary>Objects under <c>root/ab/cd/abcd…</c> (two fan-out levels keep directories small).</summary>
public sealed class LocalMediaStore(string root) : IMediaStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<string> PutFileAsync(string path, CancellationToken ct = default)
    {
        string id;
        await using (var input = File.OpenRead(path)) id = Convert.ToHexStringLower(await SHA256.HashDataAsync(input, ct));
        return await CommitAsync(id, temp =>
        {
            File.Copy(path, temp);
            return Task.CompletedTask;
        });
    }

    public Task<string> PutAsync(byte[] bytes, CancellationToken ct = default) =>
        CommitAsync(Convert.ToHexStringLower(SHA256.HashData(bytes)), temp => File.WriteAllBytesAsync(temp, bytes, ct));

    /// <summary>Writes a new object beside its final name and moves it into place: readers never see a partial object.</summary>
    private async Task<string> CommitAsync(string id, Func<string, Task> write)
    {
        var target = PathOf(id);
        if (File.Exists(target)) return id;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".part";
        await write(temp);
        File.Move(temp, target, overwrite: true);
        return id;
    }

    public string? LocalPath(string id) => IsId(id) && File.Exists(PathOf(id)) ? PathOf(id) : null;

    public Stream? OpenRead(string id) => LocalPath(id) is { } path ? File.OpenRead(path) : null;

    public static bool IsId(string id) => id.Length == 64 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private string PathOf(string id) => Path.Combine(Root, id[..2], id[2..4], id);
}

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
