using Microsoft.Extensions.Caching.Memory;
using Sora.Domain.Media;
using Sora.Render.Provenance;

namespace Sora.GraphQL.Schema.Generations;

/// <summary>
/// <c>video { provenance, posterProvenance }</c>: validates the stored file now. Validating reads and hashes the whole
/// file, and a page of 50 videos asks for 100 of them, so verdicts are kept for a few minutes per media id (bounded):
/// a hostile query repeating the field costs one validation per file, not one per mention. The stored files are
/// immutable (content-addressed), so a short expiry is what bounds how late damage on disk is noticed.
/// </summary>
public sealed class VerifyProvenance(IMediaStore media, ProvenanceVerifier verifier) : IDisposable
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);
    private readonly MemoryCache verdicts = new(new MemoryCacheOptions { SizeLimit = 4096 });

    public async Task<ProvenanceReport> OfAsync(string? mediaId, CancellationToken ct)
    {
        if (mediaId is null || media.LocalPath(mediaId) is not { } path) return ProvenanceReport.Missing("The media is missing.");
        if (verdicts.TryGetValue(mediaId, out ProvenanceReport? known) && known is not null) return known;
        var report = verifier.Verify(await File.ReadAllBytesAsync(path, ct));
        verdicts.Set(mediaId, report, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeepFor });
        return report;
    }

    public void Dispose() => verdicts.Dispose();
}
