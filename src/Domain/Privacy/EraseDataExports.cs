using Marten;

namespace Sora.Domain.Privacy;

/// <summary>A deleted account's exports close and their archives go with the deletion's media purge.</summary>
public sealed class DataExportsEraser : IAccountEraser
{
    public async Task EraseAsync(AccountErasure erasure, CancellationToken ct)
    {
        var session = erasure.Session;
        var open = await session.Query<DataExport>()
            .Where(e => e.AccountId == erasure.AccountId && (e.Status == DataExportStatus.Building || e.Status == DataExportStatus.Ready)).ToListAsync(ct);
        foreach (var export in open)
        {
            // A build still running finds its export closed when it reports, and deletes what it stored.
            session.Events.Append(export.Id, new DataExportClosed(export.Id, export.AccountId, Expired: true, erasure.Now));
            if (export.ArchiveId is { } archive) erasure.MediaToPurge.Add(archive);
        }
    }
}
