using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

/// <summary>One change an owner makes to who may use their cameo.</summary>
public abstract record ConsentChange
{
    public sealed record SetAudience(CameoAudience Audience) : ConsentChange;
    public sealed record Grant(Guid GranteeId, DateTimeOffset? ExpiresAt, int? MaxUses) : ConsentChange;
    public sealed record RevokeGrant(Guid GrantId) : ConsentChange;
    public sealed record Block(Guid AccountId) : ConsentChange;
    public sealed record Unblock(Guid AccountId) : ConsentChange;
    public sealed record SetRestrictions(string[] Rules) : ConsentChange;
    public sealed record SetApprovalMode(bool Required) : ConsentChange;
    public sealed record Deactivate : ConsentChange;
    public sealed record Reactivate : ConsentChange;
}

public sealed record ChangeCameoConsent(Actor By, Guid CameoId, ConsentChange Change);

/// <summary>The result of a consent change; <paramref name="GrantId"/> is set for a new grant.</summary>
public sealed record ConsentChangeResult(Guid? GrantId, Refusal? Refusal);

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
        var id = cameo.Id;
        var by = command.By.AccountId;

        switch (command.Change)
        {
            case ConsentChange.SetAudience(var audience):
                return audience == cameo.Audience
                    ? Decision<object>.Accept()
                    : Decision<object>.Accept(new CameoAudienceSet(id, audience, cameo.AudienceVersion + 1, by, now));

            case ConsentChange.Grant(var grantee, var expiresAt, var maxUses):
                if (grantee == cameo.OwnerId) return Decision<object>.Refuse(ErrorCodes.CannotTargetSelf, "You can always use your own cameo.", "accountId");
                if (!granteeExists) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such account.", "accountId");
                if (expiresAt is { } expiry && expiry <= now) return Decision<object>.Refuse(ErrorCodes.BadUserInput, "The expiry is in the past.", "expiresAt");
                if (maxUses is < 1) return Decision<object>.Refuse(ErrorCodes.BadUserInput, "A grant allows at least one use.", "maxUses");
                if (cameo.Blocked.Contains(grantee))
                    return Decision<object>.Refuse(ErrorCodes.Blocked, "You block this account from your cameo; unblock it first.", "accountId");
                return Decision<object>.Accept(new CameoAccessGranted(id, newGrantId, grantee, expiresAt, maxUses, by, now));

            case ConsentChange.RevokeGrant(var grantId):
                var grant = cameo.Grants.FirstOrDefault(g => g.GrantId == grantId);
                if (grant is null) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such grant on this cameo.", "grantId");
                return grant.IsRevoked ? Decision<object>.Accept() : Decision<object>.Accept(new CameoGrantRevoked(id, grantId, grant.GranteeId, by, now));

            case ConsentChange.Block(var account):
                if (account == cameo.OwnerId) return Decision<object>.Refuse(ErrorCodes.CannotTargetSelf, "You cannot block yourself.", "accountId");
                if (cameo.Blocked.Contains(account)) return Decision<object>.Accept();
                // A block ends that account's grants too, in the same decision.
                var events = new List<object> { new CameoBlockAdded(id, account, by, now) };
                events.AddRange(cameo.Grants.Where(g => g.GranteeId == account && !g.IsRevoked)
                    .Select(g => new CameoGrantRevoked(id, g.GrantId, account, by, now)));
                return new Decision<object>(events, null);

            case ConsentChange.Unblock(var account):
                return cameo.Blocked.Contains(account) ? Decision<object>.Accept(new CameoBlockRemoved(id, account, by, now)) : Decision<object>.Accept();

            case ConsentChange.SetRestrictions(var rules):
                var cleaned = rules.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToArray();
                if (cleaned.Length > MaxRules) return Decision<object>.Refuse(ErrorCodes.BadUserInput, $"At most {MaxRules} rules.", "rules");
                if (cleaned.Any(r => r.Length > MaxRuleLength)) return Decision<object>.Refuse(ErrorCodes.BadUserInput, $"A rule has at most {MaxRuleLength} characters.", "rules");
                return cleaned.SequenceEqual(cameo.Restrictions)
                    ? Decision<object>.Accept()
                    : Decision<object>.Accept(new CameoRestrictionsSet(id, cleaned, cameo.RestrictionsVersion + 1, by, now));

            case ConsentChange.SetApprovalMode(var required):
                return required == cameo.ApprovalRequired ? Decision<object>.Accept() : Decision<object>.Accept(new CameoApprovalModeSet(id, required, by, now));

            case ConsentChange.Deactivate:
                return cameo.Active ? Decision<object>.Accept(new CameoDeactivated(id, by, now)) : Decision<object>.Accept();

            case ConsentChange.Reactivate:
                return cameo.Active ? Decision<object>.Accept() : Decision<object>.Accept(new CameoReactivated(id, by, now));

            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Change, null);
        }
    }
}

public static class ChangeCameoConsentHandler
{
    public static async Task<ConsentChangeResult> Handle(ChangeCameoConsent command, IDocumentSession session, Wolverine.IMessageContext bus,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Cameo>(command.CameoId, ct);
        var granteeExists = command.Change is ConsentChange.Grant grant && await session.LoadAsync<Account>(grant.GranteeId, ct) is not null;
        var grantId = Guid.CreateVersion7();
        var decision = ChangeCameoConsentDecider.Decide(command, stream.Aggregate, granteeExists, grantId, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new ConsentChangeResult(null, refusal);
        if (decision.Events.Count == 0) return new ConsentChangeResult(null, null);
        stream.AppendMany(decision.Events);
        // Generations showing this cameo are reviewed once this commits (outbox): lapsed uses block their videos.
        await bus.SendAsync(new Generations.ReviewCameoGenerations(command.CameoId));
        await session.SaveChangesAsync(ct);
        return new ConsentChangeResult(decision.Events.OfType<CameoAccessGranted>().FirstOrDefault()?.GrantId, null);
    }
}
