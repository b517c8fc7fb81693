using Sora.Domain.Common;

namespace Sora.Domain.Social;

/// <summary>What an account does to another: follow, unfollow, block or unblock.</summary>
public enum SocialAction
{
    Follow,
    Unfollow,
    Block,
    Unblock,
}

/// <summary>
/// The social deciders. Repeating an action that is already in effect is accepted with no event, so clients
/// can retry freely. Blocking severs follows both ways; a blocked account cannot follow its blocker.
/// </summary>
public static class SocialDecider
{
    public static Decision<object> Decide(SocialAction action, Guid actor, Guid target, Relationship state, DateTimeOffset now)
    {
        if (actor == target)
            return Decision<object>.Refuse(ErrorCodes.CannotTargetSelf, "You cannot do that to your own account.", "accountId");

        // Each action decides in its own file; they share the self check and the stream (one per pair of accounts).
        return action switch
        {
            SocialAction.Follow => Follow.Decide(actor, target, state, now),
            SocialAction.Unfollow => Unfollow.Decide(actor, target, state, now),
            SocialAction.Block => Block.Decide(actor, target, state, now),
            SocialAction.Unblock => Unblock.Decide(actor, target, state, now),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
    }
}
