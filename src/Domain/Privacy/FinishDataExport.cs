using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Privacy;

/// <summary>The worker reports the archive it built (or why it could not).</summary>
public sealed record FinishDataExport(Guid ExportId, string? ArchiveId, long Bytes, string? Failure);

public static class FinishDataExportDecider
{
    public static Decision<object> Decide(FinishDataExport command, DataExport? export, TimeSpan lifetime, DateTimeOffset now)
    {
        // A retried job, or an account deleted meanwhile (its exports closed): nothing more to record.
        if (export is null || export.Status != DataExportStatus.Building) return Decision<object>.Accept();
        return command.ArchiveId is { } archive
            ? Decision<object>.Accept(new DataExportReady(export.Id, export.AccountId, archive, command.Bytes, now + lifetime, now))
            : Decision<object>.Accept(new DataExportFailed(export.Id, export.AccountId, command.Failure ?? "EXPORT_FAILED", now));
    }
}

public static class FinishDataExportHandler
{
    public static async Task<CommandResult> Handle(FinishDataExport command, IDocumentSession session, PrivacyPolicy policy, TimeProvider clock,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<DataExport>(command.ExportId, ct);
        var decision = FinishDataExportDecider.Decide(command, stream.Aggregate, policy.ExportLifetime, clock.GetUtcNow());
        if (decision.Events.Count == 0) return CommandResult.Ok(command.ExportId);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(command.ExportId);
    }
}
