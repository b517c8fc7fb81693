using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

/// <summary>
/// Asks to use a cameo for a prompt. Generation sends this before queueing a render, once for every likeness the
/// video will show, whatever <paramref name="Path"/> brought it in; <paramref name="UseId"/> is the caller's id for
/// the use, so a retried request is answered from the first decision and writes nothing new.
/// <paramref name="SourceVideoId"/> and <paramref name="ParentUseId"/> carry remix lineage (see CameoUseAuthorized).
/// </summary>
/// <param name="GenerationId">The video the use is for, so the owner's list of uses can link to it (DESIGN §4.3).</param>
public sealed record RecordCameoUse(Guid CameoId, Guid UseId, Guid RequesterId, string Prompt,
    CameoUsePath Path = CameoUsePath.Mention, Guid? SourceVideoId = null, Guid? ParentUseId = null, Guid? GenerationId = null);

/// <summary>A use as recorded: the right that allowed it and its receipt's hash.</summary>
public sealed record RecordedUse(Guid UseId, ConsentRightKind Right, string ReceiptHash, bool PendingApproval);

/// <summary>The decision on one use: the use when allowed (the first decision's, on a retry), or why not.</summary>
public sealed record CameoUseResult(RecordedUse? Use, ConsentRefusalReason? Reason, Refusal? Refusal) : CommandResult(Use?.UseId, Refusal)
{
    public bool Allowed => Use is not null;
}

/// <summary>
/// Turns the consent decision into the use (pure): a refusal with its code (CONSENT_RESTRICTED when an owner's rule
/// matched, CONSENT_REQUIRED otherwise), or the receipt, chained to the cameo's last one and pending when the owner
/// approves uses by others.
/// </summary>
public static class RecordCameoUseDecider
{
    public const string ConsentRequired = "CONSENT_REQUIRED";
    public const string ConsentRestricted = "CONSENT_RESTRICTED";

    public static Decision<object> Decide(RecordCameoUse command, Cameo cameo, ConsentOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Right is not { } right)
            return Decision<object>.Refuse(outcome.Refusal == ConsentRefusalReason.RestrictionMatched ? ConsentRestricted : ConsentRequired, outcome.Detail!);
        var pending = cameo.ApprovalRequired && right.Kind != ConsentRightKind.Owner;
        var prompt = ConsentReceipts.PromptDigest(command.Prompt);
        var hash = ConsentReceipts.Hash(cameo.Id, command.UseId, command.RequesterId, right.Kind, right.GrantId, right.Audience,
            right.AudienceVersion, right.RestrictionsVersion, prompt, pending, now, cameo.LastReceiptHash, command.Path, command.SourceVideoId,
            command.ParentUseId);
        return Decision<object>.Accept(new CameoUseAuthorized(cameo.Id, cameo.OwnerId, command.UseId, command.RequesterId, right.Kind, right.GrantId,
            right.Audience, right.AudienceVersion, right.RestrictionsVersion, prompt, pending, cameo.LastReceiptHash, hash, now, command.Path,
            command.SourceVideoId, command.ParentUseId, command.GenerationId));
    }
}

public static class RecordCameoUseHandler
{
    public static async Task<CameoUseResult> Handle(RecordCameoUse command, IDocumentSession session, Text.IPromptEmbedder embedder,
        TimeProvider clock, CancellationToken ct)
    {
        var result = await DecideAsync(command, session, embedder, clock, ct);
        if (result.Allowed) await session.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// Decides and, when allowed, appends the receipt to <paramref name="session"/> without committing: generation
    /// records its cameo uses, its credit spend and its render job in one transaction, so a refusal anywhere leaves
    /// no trace and costs nothing.
    /// </summary>
    public static async Task<CameoUseResult> DecideAsync(RecordCameoUse command, IDocumentSession session, Text.IPromptEmbedder embedder,
        TimeProvider clock, CancellationToken ct)
    {
        // The use is decided and recorded on the cameo's stream: a revoke committed before this append makes the
        // version check fail, and the retry decides again without the revoked right.
        // The stream and a retry's earlier use in one round trip: a decision is a handful of them, and they are its cost.
        var batch = session.CreateBatchQuery();
        var fetched = batch.Events.FetchForWriting<Cameo>(command.CameoId);
        var earlier = batch.Load<CameoUsage>(command.UseId);
        await batch.Execute(ct);
        var stream = await fetched;
        var cameo = stream.Aggregate;
        if (cameo is null) return new CameoUseResult(null, null, new Refusal(ErrorCodes.NotFound, "No such cameo.", "cameoId"));

        // A retry: the use was recorded (the CameoUsage document is inline, so it is there once the receipt is).
        var previous = await earlier;
        if (previous is not null && previous.CameoId == command.CameoId) return new CameoUseResult(
            new RecordedUse(previous.Id, previous.RightKind, previous.ReceiptHash, previous.Status == CameoUsageStatus.PendingApproval), null, null);
        // The id is taken by a use of another cameo: never overwrite it (its receipt and withdrawal would be lost).
        if (previous is not null) return new CameoUseResult(null, null, new Refusal(ErrorCodes.Conflict, "That use id is taken.", "useId"));

        var now = clock.GetUtcNow();
        var outcome = await ConsentDecision.DecideAsync(session, cameo, command.RequesterId, command.Prompt, embedder, now, ct);
        var decision = RecordCameoUseDecider.Decide(command, cameo, outcome, now);
        if (decision.Refusal is { } refused) return new CameoUseResult(null, outcome.Refusal, refused);
        var receipt = (CameoUseAuthorized)decision.Events[0];
        // Two requests for one use id both fetched this stream for writing: the second fails its version check and,
        // retried, is answered from the first's CameoUsage above.
        stream.AppendOne(receipt);
        return new CameoUseResult(new RecordedUse(receipt.UseId, receipt.Right, receipt.ReceiptHash, receipt.PendingApproval), null, null);
    }
}
