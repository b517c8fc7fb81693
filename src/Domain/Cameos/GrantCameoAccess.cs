using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

public abstract partial record ConsentChange
{
    /// <summary>Lets one account use the cameo, optionally until a time or for a number of uses.</summary>
    public sealed record Grant(Guid GranteeId, DateTimeOffset? ExpiresAt, int? MaxUses) : ConsentChange
    {
        public override Decision<object> Decide(Cameo cameo, Guid by, ConsentChangeContext context, DateTimeOffset now)
        {
            if (GranteeId == cameo.OwnerId) return Decision<object>.Refuse(ErrorCodes.CannotTargetSelf, "You can always use your own cameo.", "accountId");
            if (!context.GranteeExists) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such account.", "accountId");
            if (ExpiresAt is { } expiry && expiry <= now) return Decision<object>.Refuse(ErrorCodes.BadUserInput, "The expiry is in the past.", "expiresAt");
            if (MaxUses is < 1) return Decision<object>.Refuse(ErrorCodes.BadUserInput, "A grant allows at least one use.", "maxUses");
            if (cameo.Blocked.Contains(GranteeId))
                return Decision<object>.Refuse(ErrorCodes.Blocked, "You block this account from your cameo; unblock it first.", "accountId");
            if (context.ParentCosigns)
                return context.Propose(cameo, new CameoChangeProposed(cameo.Id, context.NewGrantId, null, GranteeId, ExpiresAt, MaxUses, by, now));
            return Decision<object>.Accept(new CameoAccessGranted(cameo.Id, context.NewGrantId, GranteeId, ExpiresAt, MaxUses, by, now));
        }
    }
}
