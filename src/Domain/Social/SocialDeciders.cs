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

        switch (action)
        {
            case SocialAction.Follow:
                if (state.Blocks(target))
                    return Decision<object>.Refuse(ErrorCodes.Forbidden, "This account is not available to you.");
                if (state.Blocks(actor))
                    return Decision<object>.Refuse(ErrorCodes.Blocked, "You block this account; unblock it to follow.", "accountId");
                return state.Follows(actor) ? Decision<object>.Accept() : Decision<object>.Accept(new Followed(actor, target, now));

            case SocialAction.Unfollow:
                return state.Follows(actor) ? Decision<object>.Accept(new Unfollowed(actor, target, now)) : Decision<object>.Accept();

            case SocialAction.Block:
                if (state.Blocks(actor)) return Decision<object>.Accept();
                var events = new List<object> { new Blocked(actor, target, now) };
                if (state.Follows(actor)) events.Add(new Unfollowed(actor, target, now));
                if (state.Follows(target)) events.Add(new Unfollowed(target, actor, now));
                return new Decision<object>(events, null);

            case SocialAction.Unblock:
                return state.Blocks(actor) ? Decision<object>.Accept(new Unblocked(actor, target, now)) : Decision<object>.Accept();

            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }
}
