using Sora.Domain.Common;

namespace Sora.Domain.Social;

public static class Unfollow
{
    public static Decision<object> Decide(Guid actor, Guid target, Relationship state, DateTimeOffset now) =>
        state.Follows(actor) ? Decision<object>.Accept(new Unfollowed(actor, target, now)) : Decision<object>.Accept();
}
