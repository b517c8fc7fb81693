using Sora.Domain.Common;

namespace Sora.Domain.Social;

/// <summary>Follows an account. Refused when it blocks the actor (FORBIDDEN) or the actor blocks it (BLOCKED).</summary>
public static class Follow
{
    public static Decision<object> Decide(Guid actor, Guid target, Relationship state, DateTimeOffset now)
    {
        if (state.Blocks(target)) return Decision<object>.Refuse(ErrorCodes.Forbidden, "This account is not available to you.");
        if (state.Blocks(actor)) return Decision<object>.Refuse(ErrorCodes.Blocked, "You block this account; unblock it to follow.", "accountId");
        return state.Follows(actor) ? Decision<object>.Accept() : Decision<object>.Accept(new Followed(actor, target, now));
    }
}
