namespace Sora.Domain.Privacy;

public enum DataExportStatus
{
    /// <summary>Requested; a worker is building the archive.</summary>
    Building,
    /// <summary>Built: downloadable once through its signed link, until it expires.</summary>
    Ready,
    Failed,
    /// <summary>Downloaded: the archive is gone.</summary>
    Downloaded,
    /// <summary>Not downloaded in time (or its account was deleted): the archive is gone.</summary>
    Expired,
}

/// <summary>One export of an account's data (inline snapshot of its stream). Immutable; Create/Apply public for Marten 9.</summary>
public sealed record DataExport(Guid Id, Guid AccountId, DataExportStatus Status, DateTimeOffset RequestedAt)
{
    public string? ArchiveId { get; init; }
    public long Bytes { get; init; }
    public DateTimeOffset? ReadyAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? Failure { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    public static DataExport Create(DataExportRequested e) => new(e.ExportId, e.AccountId, DataExportStatus.Building, e.At);

    public DataExport Apply(DataExportReady e) =>
        this with { Status = DataExportStatus.Ready, ArchiveId = e.ArchiveId, Bytes = e.Bytes, ReadyAt = e.At, ExpiresAt = e.ExpiresAt };

    public DataExport Apply(DataExportFailed e) => this with { Status = DataExportStatus.Failed, Failure = e.Reason };

    public DataExport Apply(DataExportClosed e) =>
        this with { Status = e.Expired ? DataExportStatus.Expired : DataExportStatus.Downloaded, ClosedAt = e.At };

    public bool Open => Status is DataExportStatus.Building or DataExportStatus.Ready;
}

/// <summary>The job a worker runs (privacy queue): build, encrypt and store the archive, then report back.</summary>
public sealed record BuildDataExport(Guid ExportId, Guid AccountId);
