namespace Sora.Domain.Cameos;

public enum CameoStatus
{
    /// <summary>Started; waiting for the owner's recording.</summary>
    AwaitingRecording,
    /// <summary>A recording is queued for or under verification (a likeness verified before stays in force meanwhile).</summary>
    Verifying,
    Verified,
    /// <summary>
    /// The last recording was refused (see FailureReason); the owner may record again. A likeness verified by an
    /// earlier recording stays in force: a failed re-record changes nothing but this status and its reason.
    /// </summary>
    Failed,
    /// <summary>Deleted by its owner; its key is destroyed and it can never be used again.</summary>
    Deleted,
}

/// <summary>
/// A cameo: one person's verified likeness and the consent around it. New cameos are visible to their owner
/// only (<see cref="CameoAudience.OnlyMe"/>) until the owner opens them up. <see cref="Status"/> is the state of
/// the latest recording; <see cref="LikenessInForce"/> says whether a verified likeness stands, which is what
/// consent, mentions and likeness protection read (an account's one likeness: <see cref="Likenesses"/>).
/// </summary>
public sealed record Cameo(
    Guid Id,
    Guid OwnerId,
    CameoStatus Status,
    string Phrase,
    string? FailureReason,
    string? RecordingSha256,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public CameoAudience Audience { get; init; } = CameoAudience.OnlyMe;
    public int AudienceVersion { get; init; }
    public CameoGrant[] Grants { get; init; } = [];
    public Guid[] Blocked { get; init; } = [];
    public string[] Restrictions { get; init; } = [];
    public int RestrictionsVersion { get; init; }
    public bool ApprovalRequired { get; init; }
    public bool Active { get; init; } = true;
    public int Uses { get; init; }
    /// <summary>The hash of the newest receipt: the next one chains to it.</summary>
    public string LastReceiptHash { get; init; } = ConsentReceipts.Genesis;
    /// <summary>
    /// A verified likeness stands: set by the first verification, kept through re-recordings (verifying or failed),
    /// ended only by deletion. Stored (not computed) so queries can filter on it.
    /// </summary>
    public bool LikenessInForce { get; init; }
    /// <summary>When the likeness in force was verified (the latest successful recording).</summary>
    public DateTimeOffset? VerifiedAt { get; init; }
    /// <summary>
    /// How many recordings of this cameo verified: each one replaced the template. The template index reloads when the
    /// count of likenesses or the sum of these changes, which no clock can get wrong.
    /// </summary>
    public int LikenessVersion { get; init; }
    /// <summary>A teen's grants and wider audiences waiting for a linked parent's co-signature (docs/parental.md).</summary>
    public CameoChangeProposed[] PendingChanges { get; init; } = [];

    public static Cameo Create(CameoVerificationStarted e) =>
        new(e.CameoId, e.OwnerId, CameoStatus.AwaitingRecording, e.Phrase, null, null, 0, e.At, e.At);

    public Cameo Apply(CameoRecordingReceived e) =>
        this with { Status = CameoStatus.Verifying, RecordingSha256 = e.Sha256, Attempts = Attempts + 1, FailureReason = null, UpdatedAt = e.At };

    public Cameo Apply(CameoVerified e) =>
        this with
        {
            Status = CameoStatus.Verified, LikenessInForce = true, VerifiedAt = e.At, LikenessVersion = LikenessVersion + 1, FailureReason = null, UpdatedAt = e.At,
        };

    public Cameo Apply(CameoVerificationFailed e) => this with { Status = CameoStatus.Failed, FailureReason = e.Reason, UpdatedAt = e.At };

    public Cameo Apply(CameoChangeProposed e) => this with { PendingChanges = [.. PendingChanges, e], UpdatedAt = e.At };
    public Cameo Apply(CameoChangeCosigned e) => this with { PendingChanges = PendingChanges.Where(p => p.ProposalId != e.ProposalId).ToArray(), UpdatedAt = e.At };
    public Cameo Apply(CameoChangeDeclined e) => this with { PendingChanges = PendingChanges.Where(p => p.ProposalId != e.ProposalId).ToArray(), UpdatedAt = e.At };

    public Cameo Apply(CameoAudienceSet e) => this with { Audience = e.Audience, AudienceVersion = e.AudienceVersion, UpdatedAt = e.At };

    public Cameo Apply(CameoAccessGranted e) =>
        this with { Grants = [.. Grants, new CameoGrant(e.GrantId, e.GranteeId, e.At, e.ExpiresAt, e.MaxUses, 0, null)], UpdatedAt = e.At };

    public Cameo Apply(CameoGrantRevoked e) =>
        this with { Grants = Grants.Select(g => g.GrantId == e.GrantId ? g with { RevokedAt = e.At } : g).ToArray(), UpdatedAt = e.At };

    public Cameo Apply(CameoBlockAdded e) => this with { Blocked = [.. Blocked.Append(e.AccountId).Distinct()], UpdatedAt = e.At };

    public Cameo Apply(CameoBlockRemoved e) => this with { Blocked = Blocked.Where(b => b != e.AccountId).ToArray(), UpdatedAt = e.At };

    public Cameo Apply(CameoRestrictionsSet e) =>
        this with { Restrictions = e.Rules, RestrictionsVersion = e.RestrictionsVersion, UpdatedAt = e.At };

    public Cameo Apply(CameoApprovalModeSet e) => this with { ApprovalRequired = e.Required, UpdatedAt = e.At };

    public Cameo Apply(CameoDeactivated e) => this with { Active = false, UpdatedAt = e.At };

    public Cameo Apply(CameoReactivated e) => this with { Active = true, UpdatedAt = e.At };

    /// <summary>
    /// A dispute over this cameo's face was decided. An incumbent that lost has no likeness any more (its uses are
    /// withdrawn inline, its template destroyed); a claimant that lost keeps its refusal, now with the dispute's reason.
    /// </summary>
    public Cameo Apply(Moderation.CameoDisputeDecided e) => this with
    {
        LikenessInForce = e.Kept && LikenessInForce,
        Status = !e.Kept && (e.WasIncumbent || Status == CameoStatus.Failed) ? CameoStatus.Failed : Status,
        FailureReason = e.Kept ? (e.WasIncumbent ? FailureReason : null)
            : e.WasIncumbent || Status == CameoStatus.Failed ? Moderation.LikenessDisputes.DisputeLost : FailureReason,
        LastDisputeId = e.DisputeId,
        LastDisputeKept = e.Kept,
        UpdatedAt = e.At,
    };

    /// <summary>The latest dispute over this cameo's face that a moderator decided, and whether this cameo kept it.</summary>
    public Guid? LastDisputeId { get; init; }
    public bool? LastDisputeKept { get; init; }

    public Cameo Apply(CameoDeleted e) => this with { Status = CameoStatus.Deleted, Active = false, LikenessInForce = false, UpdatedAt = e.At };

    /// <summary>Uses waiting for the owner's approval (bounded by what is pending, not by all uses).</summary>
    public Guid[] PendingUses { get; init; } = [];

    public Cameo Apply(CameoUseApproved e) => this with { PendingUses = PendingUses.Where(u => u != e.UseId).ToArray(), UpdatedAt = e.At };

    public Cameo Apply(CameoUseDeclined e) => this with { PendingUses = PendingUses.Where(u => u != e.UseId).ToArray(), UpdatedAt = e.At };

    public Cameo Apply(CameoUseRemoved e) => this with { PendingUses = PendingUses.Where(u => u != e.UseId).ToArray(), UpdatedAt = e.At };

    public Cameo Apply(CameoUseAuthorized e) => this with
    {
        Uses = Uses + 1,
        PendingUses = e.PendingApproval ? [.. PendingUses, e.UseId] : PendingUses,
        LastReceiptHash = e.ReceiptHash,
        Grants = Grants.Select(g => g.GrantId == e.GrantId ? g with { Uses = g.Uses + 1 } : g).ToArray(),
    };

    public CameoGrant? ValidGrantFor(Guid account, DateTimeOffset now) =>
        Grants.FirstOrDefault(g => g.GranteeId == account && g.IsValid(now));

    /// <summary>Re-recording a verified cameo is allowed: the new recording replaces the likeness once verified.</summary>
    public bool AcceptsRecording => Status is CameoStatus.AwaitingRecording or CameoStatus.Failed or CameoStatus.Verified;

    /// <summary>
    /// Whether <paramref name="account"/> may manage this cameo: its owner, while it exists. A deleted cameo is
    /// final: to everyone, its owner included, it answers like a missing one.
    /// </summary>
    public bool IsManagedBy(Guid account) => OwnerId == account && Status != CameoStatus.Deleted;
}
