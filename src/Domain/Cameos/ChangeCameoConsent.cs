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

/// <summary>What a change's decision may need beyond the cameo: whether a grantee exists, and the id a new grant gets.</summary>
public sealed record ConsentChangeContext(bool GranteeExists, Guid NewGrantId);

public sealed record ChangeCameoConsent(Actor By, Guid CameoId, ConsentChange Change);

public static class ChangeCameoConsentDecider
{
    public const int MaxRules = 10;
    public const int MaxRuleLength = 200;

    /// <param name="granteeExists">Whether a Grant's grantee is an account (the handler looks it up).</param>
    public static Decision<object> Decide(ChangeCameoConsent command, Cameo? cameo, bool granteeExists, Guid newGrantId, DateTimeOffset now)
    {
        // Only the owner changes consent; to anyone else the cameo does not exist.
        if (cameo is null || !cameo.IsManagedBy(command.By.AccountId))
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such cameo of yours.", "cameoId");
        return command.Change.Decide(cameo, command.By.AccountId, new ConsentChangeContext(granteeExists, newGrantId), now);
    }
}

public static class ChangeCameoConsentHandler
{
    public static async Task<CommandResult> Handle(ChangeCameoConsent command, IDocumentSession session, Wolverine.IMessageContext bus,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Cameo>(command.CameoId, ct);
        var granteeExists = command.Change is ConsentChange.Grant grant && await session.LoadAsync<Account>(grant.GranteeId, ct) is not null;
        var grantId = Guid.CreateVersion7();
        var decision = ChangeCameoConsentDecider.Decide(command, stream.Aggregate, granteeExists, grantId, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new CommandResult(null, refusal);
        if (decision.Events.Count == 0) return new CommandResult(null, null);
        stream.AppendMany(decision.Events);
        // Generations showing this cameo are reviewed once this commits (outbox): lapsed uses block their videos.
        await bus.SendAsync(new Generations.ReviewCameoGenerations(command.CameoId));
        await session.SaveChangesAsync(ct);
        return new CommandResult(decision.Events.OfType<CameoAccessGranted>().FirstOrDefault()?.GrantId, null);
    }
}
