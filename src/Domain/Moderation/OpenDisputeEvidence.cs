using Marten;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Moderation;

/// <summary>A moderator asks to see both recordings of a dispute, saying why.</summary>
public sealed record OpenDisputeEvidence(Actor By, Guid DisputeId, string Reason);

/// <summary>
/// Who may open a dispute's evidence and decide it (pure): moderators and admins, never one of the two parties, only
/// while it is open, and never without a reason. Auditors read the accesses but open nothing.
/// </summary>
public static class DisputeChecks
{
    public static Refusal? Check(Actor actor, LikenessDispute? dispute, string reason)
    {
        if (!ModerationPolicy.MayModerate(actor)) return new Refusal(ErrorCodes.Forbidden, "Only moderators handle likeness disputes.");
        if (dispute is null) return new Refusal(ErrorCodes.NotFound, "No such dispute.", "disputeId");
        if (dispute.Involves(actor.AccountId)) return new Refusal(ErrorCodes.Forbidden, "Another moderator must handle a dispute over your own likeness.");
        if (dispute.Status != LikenessDisputeStatus.Open) return new Refusal(CaseActions.NotActionable, "The dispute is resolved; its evidence is destroyed.");
        if (reason.Trim().Length is 0 or > LikenessDisputes.MaxReason)
            return new Refusal(ErrorCodes.BadUserInput, $"Say why, in at most {LikenessDisputes.MaxReason} characters.", "reason");
        return null;
    }
}

public static class OpenDisputeEvidenceDecider
{
    public static Decision<object> Decide(OpenDisputeEvidence command, LikenessDispute? dispute, Guid accessId, DateTimeOffset now) =>
        DisputeChecks.Check(command.By, dispute, command.Reason) is { } refused
            ? new Decision<object>([], refused)
            : Decision<object>.Accept(new LikenessDisputeEvidenceOpened(accessId, dispute!.Id, command.By.AccountId, now));
}

public static class OpenDisputeEvidenceHandler
{
    /// <summary>
    /// Records the access before anything is shown: the transport signs the evidence links only for an access that
    /// committed. The reason is sealed under the access.
    /// </summary>
    public static async Task<CommandResult> Handle(OpenDisputeEvidence command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<LikenessDispute>(command.DisputeId, ct);
        var accessId = Guid.CreateVersion7();
        var decision = OpenDisputeEvidenceDecider.Decide(command, stream.Aggregate, accessId, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        stream.AppendMany(decision.Events);
        await vault.SealAsync(session, accessId, LikenessDisputes.AccessReasonKind, command.Reason.Trim(), ct);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(accessId);
    }
}
