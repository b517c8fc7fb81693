using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

/// <summary>
/// One change an owner makes to who may use their cameo. Each kind is its own verb, in its own file
/// (<c>SetCameoAudience.cs</c>, <c>GrantCameoAccess.cs</c>, …) with its own decision; they share this pipeline: only the
/// owner acts, the change is appended to the cameo's stream, and the generations showing the cameo are reviewed.
/// </summary>
public abstract partial record ConsentChange
{
    /// <summary>The decision for this change on a cameo the actor manages (pure).</summary>
    public abstract Decision<object> Decide(Cameo cameo, Guid by, ConsentChangeContext context, DateTimeOffset now);
}

/// <summary>
/// What a change's decision may need beyond the cameo: whether a grantee exists, the id a new grant (or proposal) gets,
/// whether the owner is a teen today, and whether a linked parent must co-sign the owner's grants and wider audiences.
/// </summary>
public sealed record ConsentChangeContext(bool GranteeExists, Guid NewGrantId, bool OwnerIsTeen = false, bool ParentCosigns = false)
{
    /// <summary>A teen's cameo holds a bounded number of changes waiting for a parent.</summary>
    public const int MaxPendingChanges = 10;

    /// <summary>The proposal that takes the place of <paramref name="change"/>'s effect while a parent must co-sign it.</summary>
    public Decision<object> Propose(Cameo cameo, CameoChangeProposed change)
    {
        if (cameo.PendingChanges.Any(p => p.Audience == change.Audience && p.GranteeId == change.GranteeId)) return Decision<object>.Accept();
        return cameo.PendingChanges.Length >= MaxPendingChanges
            ? Decision<object>.Refuse(Parental.ParentalErrors.TooManyPendingChanges,
                $"{MaxPendingChanges} changes already wait for your parent; they approve or decline them first.")
            : Decision<object>.Accept(change);
    }
}

public sealed record ChangeCameoConsent(Actor By, Guid CameoId, ConsentChange Change);

public static class ChangeCameoConsentDecider
{
    public const int MaxRules = 10;
    public const int MaxRuleLength = 200;

    /// <param name="context">Whether a Grant's grantee is an account, and the owner's age and parents (the handler looks them up).</param>
    public static Decision<object> Decide(ChangeCameoConsent command, Cameo? cameo, ConsentChangeContext context, DateTimeOffset now)
    {
        // Only the owner changes consent; to anyone else the cameo does not exist.
        if (cameo is null || !cameo.IsManagedBy(command.By.AccountId))
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such cameo of yours.", "cameoId");
        return command.Change.Decide(cameo, command.By.AccountId, context, now);
    }
}

public static class ChangeCameoConsentHandler
{
    public static async Task<CommandResult> Handle(ChangeCameoConsent command, IDocumentSession session, Wolverine.IMessageContext bus,
        Privacy.PersonalDataVault vault, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stream = await session.Events.FetchForWriting<Cameo>(command.CameoId, ct);
        var granteeExists = command.Change is ConsentChange.Grant grant && await session.LoadAsync<Account>(grant.GranteeId, ct) is not null;
        var context = new ConsentChangeContext(granteeExists, Guid.CreateVersion7());
        // Only the changes that open a cameo up depend on the owner's age and parents; the vault is read for those alone.
        if (command.Change is ConsentChange.Grant or ConsentChange.SetAudience && stream.Aggregate is { } owned && owned.IsManagedBy(command.By.AccountId))
            context = await Parental.TeenLikeness.ContextAsync(session, vault, owned.OwnerId, context, DateOnly.FromDateTime(now.UtcDateTime), ct);
        var decision = ChangeCameoConsentDecider.Decide(command, stream.Aggregate, context, now);
        if (decision.Refusal is { } refusal) return new CommandResult(null, refusal);
        if (decision.Events.Count == 0) return new CommandResult(null, null);
        stream.AppendMany(decision.Events);
        // Generations showing this cameo are reviewed once this commits (outbox): lapsed uses block their videos.
        await bus.SendAsync(new Generations.ReviewCameoGenerations(command.CameoId));
        await session.SaveChangesAsync(ct);
        return new CommandResult(decision.Events.OfType<CameoAccessGranted>().FirstOrDefault()?.GrantId
                                 ?? decision.Events.OfType<CameoChangeProposed>().FirstOrDefault()?.ProposalId, null);
    }
}
