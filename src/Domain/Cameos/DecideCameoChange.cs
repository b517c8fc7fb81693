using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Cameos;

/// <summary>A linked parent co-signs or declines a change the teen proposed for its cameo (docs/parental.md).</summary>
public sealed record DecideCameoChange(Actor By, Guid CameoId, Guid ProposalId, bool Approve);

public static class DecideCameoChangeDecider
{
    /// <param name="byLinkedParent">Whether the actor is a linked parent of the cameo's owner, a teen today.</param>
    /// <param name="granteeExists">For a proposed grant: whether the grantee is still an account.</param>
    public static Decision<object> Decide(DecideCameoChange command, Cameo? cameo, bool byLinkedParent, bool granteeExists, DateTimeOffset now)
    {
        // To anyone but a linked parent, the teen's cameo does not exist.
        if (cameo is null || cameo.Status == CameoStatus.Deleted || !byLinkedParent)
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such cameo of a teen you are linked to.", "cameoId");
        if (cameo.PendingChanges.FirstOrDefault(p => p.ProposalId == command.ProposalId) is not { } proposal)
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such pending change.", "proposalId");
        var parent = command.By.AccountId;
        if (!command.Approve) return Decision<object>.Accept(new CameoChangeDeclined(cameo.Id, proposal.ProposalId, parent, now));

        // The change is decided again as it stands now (a grantee blocked since, an audience already set), as the teen's own;
        // the co-signature is what lets it through, so the context no longer asks for one.
        ConsentChange change = proposal.Audience is { } audience
            ? new ConsentChange.SetAudience(audience)
            : new ConsentChange.Grant(proposal.GranteeId!.Value, proposal.ExpiresAt, proposal.MaxUses);
        var effect = change.Decide(cameo, proposal.By, new ConsentChangeContext(granteeExists, proposal.ProposalId, OwnerIsTeen: true), now);
        if (effect.Refusal is { } refusal) return new Decision<object>([], refusal);
        return new Decision<object>([new CameoChangeCosigned(cameo.Id, proposal.ProposalId, parent, now), .. effect.Events], null);
    }
}

public static class DecideCameoChangeHandler
{
    public static async Task<CommandResult> Handle(DecideCameoChange command, IDocumentSession session, Wolverine.IMessageContext bus,
        PersonalDataVault vault, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stream = await session.Events.FetchForWriting<Cameo>(command.CameoId, ct);
        var cameo = stream.Aggregate;
        var byParent = cameo is not null
                       && await Parental.TeenLikeness.IsParentOfAsync(session, vault, command.By.AccountId, cameo.OwnerId, DateOnly.FromDateTime(now.UtcDateTime), ct);
        var grantee = cameo?.PendingChanges.FirstOrDefault(p => p.ProposalId == command.ProposalId)?.GranteeId;
        var granteeExists = grantee is { } g && await session.LoadAsync<Account>(g, ct) is not null;
        var decision = DecideCameoChangeDecider.Decide(command, cameo, byParent, granteeExists, now);
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        stream.AppendMany(decision.Events);
        // As any consent change: the generations showing the cameo are reviewed once this commits.
        await bus.SendAsync(new Generations.ReviewCameoGenerations(command.CameoId));
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(command.ProposalId);
    }
}
