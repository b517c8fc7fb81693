using Marten;

namespace Sora.Domain.Cameos;

/// <summary>Who may use a cameo by default. Grants, blocks and restrictions apply on top.</summary>
public enum CameoAudience
{
    OnlyMe,
    Approved,
    Mutuals,
    Everyone,
}

// Consent changes and uses live on the cameo's own stream: a revoke and a concurrent use meet on one stream
// version, so no use can be accepted against a right whose revocation committed first.

public sealed record CameoAudienceSet(Guid CameoId, CameoAudience Audience, int AudienceVersion, Guid By, DateTimeOffset At);

public sealed record CameoAccessGranted(Guid CameoId, Guid GrantId, Guid GranteeId, DateTimeOffset? ExpiresAt, int? MaxUses, Guid By, DateTimeOffset At);

/// <summary>
/// A teen with a linked parent asked for a grant or a wider audience; nothing changes until a parent co-signs
/// (<see cref="CameoChangeCosigned"/>, followed in the same commit by the change itself) or declines. Exactly one of
/// <paramref name="Audience"/> and <paramref name="GranteeId"/> is set. On approval a grant takes the proposal's id.
/// </summary>
public sealed record CameoChangeProposed(Guid CameoId, Guid ProposalId, CameoAudience? Audience, Guid? GranteeId, DateTimeOffset? ExpiresAt,
    int? MaxUses, Guid By, DateTimeOffset At);

public sealed record CameoChangeCosigned(Guid CameoId, Guid ProposalId, Guid ParentId, DateTimeOffset At);

public sealed record CameoChangeDeclined(Guid CameoId, Guid ProposalId, Guid ParentId, DateTimeOffset At);

public sealed record CameoGrantRevoked(Guid CameoId, Guid GrantId, Guid GranteeId, Guid By, DateTimeOffset At);

public sealed record CameoBlockAdded(Guid CameoId, Guid AccountId, Guid By, DateTimeOffset At);

public sealed record CameoBlockRemoved(Guid CameoId, Guid AccountId, Guid By, DateTimeOffset At);

/// <summary>The owner's free-text rules ("no political content"), checked against prompts.</summary>
public sealed record CameoRestrictionsSet(Guid CameoId, string[] Rules, int RestrictionsVersion, Guid By, DateTimeOffset At);

public sealed record CameoApprovalModeSet(Guid CameoId, bool Required, Guid By, DateTimeOffset At);

public sealed record CameoDeactivated(Guid CameoId, Guid By, DateTimeOffset At);

public sealed record CameoReactivated(Guid CameoId, Guid By, DateTimeOffset At);

/// <summary>The owner deleted the cameo: its key was destroyed in the same transaction (the likeness is gone).</summary>
public sealed record CameoDeleted(Guid CameoId, Guid By, DateTimeOffset At);

/// <summary>The owner approved (or declined) a use that was waiting in approval mode.</summary>
public sealed record CameoUseApproved(Guid CameoId, Guid UseId, Guid By, DateTimeOffset At);

public sealed record CameoUseDeclined(Guid CameoId, Guid UseId, Guid By, DateTimeOffset At);

/// <summary>The owner removed a use of their likeness (any use, at any time: DESIGN §4 invariant 3).</summary>
public sealed record CameoUseRemoved(Guid CameoId, Guid UseId, Guid By, DateTimeOffset At);

/// <summary>How a likeness entered a video (DESIGN §4 invariant 5). Every path is a use under the same decision.</summary>
public enum CameoUsePath
{
    /// <summary>An @handle in the prompt.</summary>
    Mention,
    /// <summary>A face in the image-to-video input image matched the likeness.</summary>
    InputImage,
    /// <summary>A face in the remix source's frames matched the likeness.</summary>
    RemixSource,
    /// <summary>The remixed video showed the likeness (one of its own uses): the remix shows it too.</summary>
    Inherited,
}

/// <summary>
/// A use was allowed. The receipt names the right that allowed it (owner, grant, or audience with its version),
/// the restrictions version it was checked against, a digest of the prompt, and the chain: the previous
/// receipt's hash and this receipt's hash. <see cref="PendingApproval"/>: the owner must approve before publishing.
/// <see cref="Path"/> says how the likeness entered the video; <see cref="SourceVideoId"/> is the video a remix
/// path came through and <see cref="ParentUseId"/> the source's own use that an inherited (or re-found) likeness
/// descends from, along which withdrawal travels. The last three were added after the first receipts were stored:
/// they default to what those receipts meant (a mention, no lineage), so stored streams read unchanged.
/// </summary>
public sealed record CameoUseAuthorized(
    Guid CameoId, Guid OwnerId, Guid UseId, Guid RequesterId, ConsentRightKind Right, Guid? GrantId, CameoAudience Audience,
    int AudienceVersion, int RestrictionsVersion, string PromptSha256, bool PendingApproval,
    string PreviousHash, string ReceiptHash, DateTimeOffset At,
    CameoUsePath Path = CameoUsePath.Mention, Guid? SourceVideoId = null, Guid? ParentUseId = null,
    // Null on uses recorded before it was carried, and on uses recorded outside a generation.
    Guid? GenerationId = null);

/// <summary>
/// A use was rendered into a video. Appended on the cameo stream when the video is finished, so a revocation
/// committed during the render fails the finishing transaction's version check (and the video is blocked).
/// </summary>
public sealed record CameoUseRendered(Guid CameoId, Guid UseId, Guid GenerationId, DateTimeOffset At);

public static class ConsentEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<CameoUseRendered>("cameo_use_rendered");
        opts.Events.MapEventType<CameoAudienceSet>("cameo_audience_set");
        opts.Events.MapEventType<CameoAccessGranted>("cameo_access_granted");
        opts.Events.MapEventType<CameoGrantRevoked>("cameo_grant_revoked");
        opts.Events.MapEventType<CameoChangeProposed>("cameo_change_proposed");
        opts.Events.MapEventType<CameoChangeCosigned>("cameo_change_cosigned");
        opts.Events.MapEventType<CameoChangeDeclined>("cameo_change_declined");
        opts.Events.MapEventType<CameoBlockAdded>("cameo_block_added");
        opts.Events.MapEventType<CameoBlockRemoved>("cameo_block_removed");
        opts.Events.MapEventType<CameoRestrictionsSet>("cameo_restrictions_set");
        opts.Events.MapEventType<CameoApprovalModeSet>("cameo_approval_mode_set");
        opts.Events.MapEventType<CameoDeactivated>("cameo_deactivated");
        opts.Events.MapEventType<CameoReactivated>("cameo_reactivated");
        opts.Events.MapEventType<CameoUseAuthorized>("cameo_use_authorized");
        opts.Events.MapEventType<CameoDeleted>("cameo_deleted");
        opts.Events.MapEventType<CameoUseApproved>("cameo_use_approved");
        opts.Events.MapEventType<CameoUseDeclined>("cameo_use_declined");
        opts.Events.MapEventType<CameoUseRemoved>("cameo_use_removed");
    }
}
