using Marten;

namespace Sora.Domain.Privacy;

// The right to leave: deletion requests live on the account's own stream, exports on one stream each. Ids and times
// only; what an archive holds is never in an event.

/// <summary>The account asked to be deleted; it is, at <paramref name="DueAt"/>, unless it cancels first.</summary>
public sealed record AccountDeletionRequested(Guid AccountId, Guid RequestId, DateTimeOffset DueAt, DateTimeOffset At);

public sealed record AccountDeletionCancelled(Guid AccountId, Guid RequestId, DateTimeOffset At);

/// <summary>The grace period ended and the account was deleted in one transaction (docs/privacy.md lists what went).</summary>
public sealed record AccountDeleted(Guid AccountId, Guid RequestId, DateTimeOffset At);

public sealed record DataExportRequested(Guid ExportId, Guid AccountId, DateTimeOffset At);

/// <summary>The archive is built and encrypted (media id <paramref name="ArchiveId"/>); it can be downloaded once, until
/// <paramref name="ExpiresAt"/>.</summary>
public sealed record DataExportReady(Guid ExportId, Guid AccountId, string ArchiveId, long Bytes, DateTimeOffset ExpiresAt, DateTimeOffset At);

public sealed record DataExportFailed(Guid ExportId, Guid AccountId, string Reason, DateTimeOffset At);

/// <summary>The one download happened (or the link expired, <paramref name="Expired"/>); the archive is gone.</summary>
public sealed record DataExportClosed(Guid ExportId, Guid AccountId, bool Expired, DateTimeOffset At);

public static class PrivacyEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<AccountDeletionRequested>("account_deletion_requested");
        opts.Events.MapEventType<AccountDeletionCancelled>("account_deletion_cancelled");
        opts.Events.MapEventType<AccountDeleted>("account_deleted");
        opts.Events.MapEventType<DataExportRequested>("data_export_requested");
        opts.Events.MapEventType<DataExportReady>("data_export_ready");
        opts.Events.MapEventType<DataExportFailed>("data_export_failed");
        opts.Events.MapEventType<DataExportClosed>("data_export_closed");
    }
}
