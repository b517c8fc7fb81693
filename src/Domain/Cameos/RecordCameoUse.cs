using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

/// <summary>
/// Asks to use a cameo for a prompt. Generation sends this before queueing a render, once for every likeness the
/// video will show, whatever <paramref name="Path"/> brought it in; <paramref name="UseId"/> is the caller's id for
/// the use, so a retried request is answered from the first decision and writes nothing new.
/// <paramref name="SourceVideoId"/> and <paramref name="ParentUseId"/> carry remix lineage (see CameoUseAuthorized).
/// </summary>
public sealed record RecordCameoUse(Guid CameoId, Guid UseId, Guid RequesterId, string Prompt,
    CameoUsePath Path = CameoUsePath.Mention, Guid? SourceVideoId = null, Guid? ParentUseId = null);

public sealed record CameoUseResult(CameoUseAuthorized? Receipt, ConsentRefusalReason? Reason, Refusal? Refusal);

/// <summary>
/// One recorded use, by its id: answers retries in O(1) (Insert makes concurrent duplicates fail atomically) and
/// tells owner actions whether a use exists and is closed, without growing the cameo snapshot with every use.
/// </summary>
public sealed class CameoUseRecord
{
    public Guid Id { get; set; }
    public Guid CameoId { get; set; }
    public CameoUseAuthorized Receipt { get; set; } = null!;
    /// <summary>Declined or removed by the owner: no further decision applies.</summary>
    public bool Closed { get; set; }
}

public static class RecordCameoUseHandler
{
    public const string ConsentRequired = "CONSENT_REQUIRED";
    public const string ConsentRestricted = "CONSENT_RESTRICTED";

    public static async Task<CameoUseResult> Handle(RecordCameoUse command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var result = await DecideAsync(command, session, clock, ct);
        if (result.Receipt is not null) await session.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// Decides and, when allowed, appends the receipt to <paramref name="session"/> without committing: generation
    /// records its cameo uses, its credit spend and its render job in one transaction, so a refusal anywhere leaves
    /// no trace and costs nothing.
    /// </summary>
    public static async Task<CameoUseResult> DecideAsync(RecordCameoUse command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        // The use is decided and recorded on the cameo's stream: a revoke committed before this append makes the
        // version check fail, and the retry decides again without the revoked right.
        var stream = await session.Events.FetchForWriting<Cameo>(command.CameoId, ct);
        var cameo = stream.Aggregate;
        if (cameo is null) return new CameoUseResult(null, null, new Refusal(ErrorCodes.NotFound, "No such cameo.", "cameoId"));

        var previous = await session.LoadAsync<CameoUseRecord>(command.UseId, ct);
        if (previous is not null && previous.CameoId == command.CameoId) return new CameoUseResult(previous.Receipt, null, null);

        var now = clock.GetUtcNow();
        var outcome = await ConsentDecision.DecideAsync(session, cameo, command.RequesterId, command.Prompt, now, ct);
        if (outcome.Right is not { } right)
        {
            var code = outcome.Refusal == ConsentRefusalReason.RestrictionMatched ? ConsentRestricted : ConsentRequired;
            return new CameoUseResult(null, outcome.Refusal, new Refusal(code, outcome.Detail!));
        }

        var pending = cameo.ApprovalRequired && right.Kind != ConsentRightKind.Owner;
        var prompt = ConsentReceipts.PromptDigest(command.Prompt);
        var hash = ConsentReceipts.Hash(cameo.Id, command.UseId, command.RequesterId, right.Kind, right.GrantId, right.Audience,
            right.AudienceVersion, right.RestrictionsVersion, prompt, pending, now, cameo.LastReceiptHash, command.Path, command.SourceVideoId,
            command.ParentUseId);
        var receipt = new CameoUseAuthorized(cameo.Id, cameo.OwnerId, command.UseId, command.RequesterId, right.Kind, right.GrantId, right.Audience,
            right.AudienceVersion, right.RestrictionsVersion, prompt, pending, cameo.LastReceiptHash, hash, now, command.Path, command.SourceVideoId,
            command.ParentUseId);
        stream.AppendOne(receipt);
        session.Insert(new CameoUseRecord { Id = command.UseId, CameoId = cameo.Id, Receipt = receipt });
        return new CameoUseResult(receipt, null, null);
    }
}
