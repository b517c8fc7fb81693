using Sora.Domain.Common;

namespace Sora.Domain.Social;

/// <summary>Blocks an account: follows end both ways in the same decision.</summary>
public static class Block
{
    public static Decision<object> Decide(Guid actor, Guid target, Relationship state, DateTimeOffset now)
    {
        if (state.Blocks(actor)) return Decision<object>.Accept();
        var events = new List<object> { new Blocked(actor, target, now) };
        if (state.Follows(actor)) events.Add(new Unfollowed(actor, target, now));
        if (state.Follows(target)) events.Add(new Unfollowed(target, actor, now));
        return Decision<object>.Accept([.. events]);
    }
}
