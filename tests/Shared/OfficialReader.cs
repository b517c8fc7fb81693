using System.Diagnostics;
using System.Text.Json;

namespace Sora.Tests.Shared;

/// <summary>
/// The official C2PA reader (c2pa-rs as @contentauth/c2pa-wasm, run by tests/clients/c2pa-read.mjs): the
/// independent judge of the manifests Sora writes. Returns the JSON line the script prints.
/// </summary>
public static class OfficialReader
{
    public static string ClientsDirectory =>
        Environment.GetEnvironmentVariable("SORA_CLIENTS")
        ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../tests/clients"));

    public static async Task<JsonElement> ReadAsync(byte[] file, string format, string? anchorsPem = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sora-c2pa-{Guid.NewGuid():N}");
        string? anchors = null;
        await File.WriteAllBytesAsync(path, file);
        try
        {
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = ClientsDirectory };
            start.ArgumentList.Add(Path.Combine(ClientsDirectory, "c2pa-read.mjs"));
            start.ArgumentList.Add(path);
            start.ArgumentList.Add(format);
            if (anchorsPem is not null)
            {
                anchors = path + ".pem";
                await File.WriteAllTextAsync(anchors, anchorsPem);
                start.ArgumentList.Add(anchors);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var line = (await output).Trim();
            if (process.ExitCode != 0 || line.Length == 0) throw new InvalidOperationException($"c2pa-read failed ({process.ExitCode}): {await errors}");
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        finally
        {
            File.Delete(path);
            if (anchors is not null) File.Delete(anchors);
        }
    }

    public static string[] Codes(this JsonElement read, string list) =>
        read.GetProperty(list).EnumerateArray().Select(c => c.GetString()!).ToArray();

    /// <summary>The active manifest as the reader reports it.</summary>
    public static JsonElement Active(this JsonElement read) =>
        read.GetProperty("store").GetProperty("manifests").GetProperty(read.GetProperty("activeLabel").GetString()!);
}
