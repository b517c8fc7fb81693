using System.Security.Cryptography;
using Sora.Domain.Media;

namespace Sora.Render.Media;

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

    public Task DeleteAsync(string id, CancellationToken ct = default)
    {
        if (IsId(id) && File.Exists(PathOf(id))) File.Delete(PathOf(id));
        return Task.CompletedTask;
    }

    public static bool IsId(string id) => id.Length == 64 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private string PathOf(string id) => Path.Combine(Root, id[..2], id[2..4], id);
}
