using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Privacy;

/// <summary>
/// Ends an export's archive: its one download begins (<paramref name="Expired"/> false, by the account itself), or its
/// time ran out. The answer carries the archive to delete; a second download finds the export closed.
/// </summary>
public sealed record CloseDataExport(Guid ExportId, Guid? By, bool Expired);

public sealed record ClosedDataExport(string? ArchiveId, Refusal? Refusal) : CommandResult(null, Refusal);

public static class CloseDataExportDecider
{
    public static Decision<object> Decide(CloseDataExport command, DataExport? export, DateTimeOffset now)
    {
        if (export is null || (command.By is { } by && by != export.AccountId))
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such export of yours.");
        if (export.Status != DataExportStatus.Ready) return Decision<object>.Refuse(ErrorCodes.NotFound, "This export is not ready, or it is gone.");
        if (!command.Expired && export.ExpiresAt <= now) return Decision<object>.Refuse(ErrorCodes.NotFound, "This export's link has expired.");
        return Decision<object>.Accept(new DataExportClosed(export.Id, export.AccountId, command.Expired, now));
    }
}

public static class CloseDataExportHandler
{
    public static async Task<ClosedDataExport> Handle(CloseDataExport command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<DataExport>(command.ExportId, ct);
        var decision = CloseDataExportDecider.Decide(command, stream.Aggregate, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new ClosedDataExport(null, refusal);
        stream.AppendMany(decision.Events);
        // Optimistic concurrency on the export's stream: of two downloads at once, one commits and the other is refused.
        await session.SaveChangesAsync(ct);
        return new ClosedDataExport(stream.Aggregate!.ArchiveId, null);
    }
}
