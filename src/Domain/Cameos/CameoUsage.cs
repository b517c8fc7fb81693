
namespace Sora.Domain.Cameos;

public enum CameoUsageStatus
{
    /// <summary>Allowed and standing.</summary>
    Active,
    /// <summary>Allowed, waiting for the owner's approval (approval mode).</summary>
    PendingApproval,
    /// <summary>The right it depended on ended (grant revoked, audience narrowed, blocked, cameo deactivated).</summary>
    Withdrawn,
}

/// <summary>
/// One use of a cameo and the right that allowed it. Maintained inline, so the transaction that revokes a right
/// also withdraws every use that depended on it; video visibility (generation) reads this status.
/// </summary>
public sealed class CameoUsage
{
    public Guid Id { get; set; }
    public Guid CameoId { get; set; }
    public Guid RequesterId { get; set; }
    public ConsentRightKind RightKind { get; set; }
    public Guid? GrantId { get; set; }
    public CameoAudience Audience { get; set; }
    public int AudienceVersion { get; set; }
    public string ReceiptHash { get; set; } = "";
    public CameoUsageStatus Status { get; set; }
    public string? WithdrawnReason { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    /// <summary>How the likeness entered the video: a mention, a face in the input image or remix source, or inherited.</summary>
    public CameoUsePath Path { get; set; }
    /// <summary>The remixed video a remix path came through.</summary>
    public Guid? SourceVideoId { get; set; }
    /// <summary>The source's own use this one descends from: withdrawing that one withdraws this one (lineage).</summary>
    public Guid? ParentUseId { get; set; }

    /// <summary>The video (generation) the use is in; null for uses recorded before it was carried.</summary>
    public Guid? GenerationId { get; set; }
    /// <summary>The owner removed or declined it: no further owner action applies.</summary>
    public bool ClosedByOwner => WithdrawnReason is CameoUsageProjection.RemovedByOwner or CameoUsageProjection.DeclinedByOwner;

    /// <summary>The event sequence of the use: a stable page cursor.</summary>
    public long Seq { get; set; }
}
