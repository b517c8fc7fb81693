using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Parental;

/// <summary>Either side ends a link: the teen names the parent, or a parent names the teen.</summary>
public sealed record UnlinkFamily(Actor By, Guid OtherId);

public static class UnlinkFamilyDecider
{
    /// <param name="state">The teen's guardianship.</param>
    /// <param name="parent">The parent whose link ends.</param>
    public static Decision<object> Decide(Guid actor, Guid parent, Guardianship state, DateTimeOffset now) =>
        state.IsLinked(parent) && (actor == state.TeenId || actor == parent)
            ? Decision<object>.Accept(new ParentUnlinked(state.TeenId, parent, actor, now))
            : Decision<object>.Refuse(ErrorCodes.NotFound, "You are not linked to this account.", "accountId");
}

public static class UnlinkFamilyHandler
{
    public static async Task<CommandResult> Handle(UnlinkFamily command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var me = command.By.AccountId;
        // The actor is the teen when the other account is one of its parents; otherwise it speaks as a parent of the other.
        var mine = await session.LoadAsync<Guardianship>(Guardianship.StreamFor(me), ct);
        var (teen, parent) = mine is not null && mine.IsLinked(command.OtherId) ? (me, command.OtherId) : (command.OtherId, me);
        var stream = await session.Events.FetchForWriting<Guardianship>(Guardianship.StreamFor(teen), ct);
        return await ParentalStreams.CommitAsync(session, stream,
            UnlinkFamilyDecider.Decide(me, parent, stream.Aggregate ?? Guardianship.Empty(teen), clock.GetUtcNow()), null, ct);
    }
}
