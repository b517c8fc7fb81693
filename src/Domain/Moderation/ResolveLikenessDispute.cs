using System.Security.Cryptography;
using Marten;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Privacy;
using Wolverine;

namespace Sora.Domain.Moderation;

/// <summary>A moderator decides which account holds a disputed likeness.</summary>
public sealed record ResolveLikenessDispute(Actor By, Guid DisputeId, DisputeHolder Holder, string Reason);

/// <summary>The claimant's kept recording, as the handler found it in the vault (null: none survived).</summary>
public sealed record DisputeEvidence(string Sha256, long Bytes);

/// <summary>
/// Decides a dispute (pure). Both cameos hear the outcome. If the claimant wins, the incumbent's likeness ends (its uses
/// are withdrawn inline) and the claimant's kept recording is received again as their recording, so the normal
/// verification job verifies it; if the incumbent wins, the claimant's recording is destroyed and their refusal now
/// names the dispute. A claimant who deleted their cameo can no longer be awarded it.
/// </summary>
public static class ResolveLikenessDisputeDecider
{
    public static Decision<object> Decide(ResolveLikenessDispute command, LikenessDispute? dispute, Cameo? incumbent, Cameo? claimant,
        DisputeEvidence? evidence, Guid resolutionId, DateTimeOffset now)
    {
        if (DisputeChecks.Check(command.By, dispute, command.Reason) is { } refused) return new Decision<object>([], refused);
        var d = dispute!;
        var claimantLive = claimant is not null && claimant.Status != CameoStatus.Deleted;
        if (command.Holder == DisputeHolder.Claimant && !claimantLive)
            return Decision<object>.Refuse(CaseActions.NotActionable, "The claimant deleted their cameo; keep the likeness with its holder.", "holder");
        if (command.Holder == DisputeHolder.Claimant && evidence is null)
            return Decision<object>.Refuse(CaseActions.NotActionable, "The claimant's recording is gone; it cannot become a likeness.", "holder");

        var claimantWins = command.Holder == DisputeHolder.Claimant;
        var events = new List<object>
        {
            new LikenessDisputeResolved(d.Id, resolutionId, command.Holder, command.By.AccountId,
                claimantWins ? d.ClaimantCameoId : d.ClaimedCameoId, claimantWins ? d.ClaimedCameoId : d.ClaimantCameoId, now),
        };
        if (incumbent is not null && incumbent.Status != CameoStatus.Deleted)
            events.Add(new CameoDisputeDecided(incumbent.Id, incumbent.OwnerId, d.Id, Kept: !claimantWins, WasIncumbent: true, now));
        if (claimantLive)
            events.Add(new CameoDisputeDecided(claimant!.Id, claimant.OwnerId, d.Id, Kept: claimantWins, WasIncumbent: false, now));
        if (claimantWins)
            events.Add(new CameoRecordingReceived(claimant!.Id, claimant.OwnerId, evidence!.Sha256, evidence.Bytes, now));
        return new Decision<object>(events, null);
    }
}

public static class ResolveLikenessDisputeHandler
{
    public static async Task<CommandResult> Handle(ResolveLikenessDispute command, IDocumentSession session, IMessageContext bus, PersonalDataVault vault,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<LikenessDispute>(command.DisputeId, ct);
        var dispute = stream.Aggregate;
        // Both cameo streams are version-checked: a re-record or a deletion that commits meanwhile makes this retry.
        var incumbent = dispute is null ? null : await session.Events.FetchForWriting<Cameo>(dispute.ClaimedCameoId, ct);
        var claimant = dispute is null ? null : await session.Events.FetchForWriting<Cameo>(dispute.ClaimantCameoId, ct);
        byte[]? recording = null;
        if (dispute is not null && command.Holder == DisputeHolder.Claimant)
            recording = await vault.OpenAsync<byte[]>(session, dispute.Id, LikenessDisputes.EvidenceKind, ct);
        var evidence = recording is null ? null : new DisputeEvidence(Convert.ToHexStringLower(SHA256.HashData(recording)), recording.LongLength);
        var resolutionId = Guid.CreateVersion7();
        var decision = ResolveLikenessDisputeDecider.Decide(command, dispute, incumbent?.Aggregate, claimant?.Aggregate, evidence, resolutionId,
            clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);

        foreach (var e in decision.Events)
        {
            switch (e)
            {
                case CameoDisputeDecided decided when decided.CameoId == incumbent!.Id: incumbent.AppendOne(e); break;
                case CameoDisputeDecided or CameoRecordingReceived: claimant!.AppendOne(e); break;
                default: stream.AppendOne(e); break;
            }
        }
        var loser = command.Holder == DisputeHolder.Claimant ? dispute!.ClaimedCameoId : dispute!.ClaimantCameoId;
        if (command.Holder == DisputeHolder.Claimant)
        {
            // The incumbent's template, crop and recordings are crypto-shredded: the index drops the likeness at its next
            // look (its fingerprint covers the set in force), and nothing of that face is readable under their cameo.
            vault.Forget(session, loser);
            session.DeleteWhere<SealedRecord>(r => r.SubjectId == loser);
            // The kept recording becomes the claimant's submitted recording, and the normal job verifies it (after
            // this commit, when the incumbent's likeness is no longer in force).
            await vault.SealAsync(session, dispute.ClaimantCameoId, SubmitCameoRecordingHandler.RecordingKind, recording!, ct);
            await bus.SendAsync(new VerifyCameoRecording(dispute.ClaimantCameoId, evidence!.Sha256));
            await bus.SendAsync(new Generations.ReviewCameoGenerations(loser));
        }
        // Either way the evidence is no longer needed: the dispute's key goes, and with it the claimant's recording.
        vault.Forget(session, dispute.Id);
        session.DeleteWhere<SealedRecord>(r => r.SubjectId == dispute.Id);
        await vault.SealAsync(session, resolutionId, LikenessDisputes.ResolutionReasonKind, command.Reason.Trim(), ct);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(dispute.Id);
    }
}
