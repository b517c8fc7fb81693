using Sora.Domain.Common;

namespace Sora.Domain.Social;

/// <summary>Lifts the actor's own block; follows are not restored, and nobody lifts another's block.</summary>
public static class Unblock
{
    public static Decision<object> Decide(Guid actor, Guid target, Relationship state, DateTimeOffset now) =>
        state.Blocks(actor) ? Decision<object>.Accept(new Unblocked(actor, target, now)) : Decision<object>.Accept();
}
