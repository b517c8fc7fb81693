using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Parental;

/// <summary>
/// Ends a pending invite without a link: the teen declines it, or the parent who sent it withdraws it. The teen names
/// the invite; the parent names the teen (their invite to that teen).
/// </summary>
public sealed record CloseParentInvite(Actor By, Guid? InviteId, Guid? TeenId);

public static class CloseParentInviteDecider
{
    public static Decision<object> Decide(Guid actor, Guid? inviteId, Guardianship state, DateTimeOffset now)
    {
        var invite = actor == state.TeenId
            ? state.Invites.FirstOrDefault(i => i.InviteId == inviteId)
            : state.Invites.FirstOrDefault(i => i.ParentId == actor);
        return invite is null
            ? Decision<object>.Refuse(ErrorCodes.NotFound, "No such invite.", inviteId is null ? "teenId" : "inviteId")
            : Decision<object>.Accept(new ParentLinkInviteClosed(state.TeenId, invite.ParentId, invite.InviteId, actor, now));
    }
}

public static class CloseParentInviteHandler
{
    public static async Task<CommandResult> Handle(CloseParentInvite command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var teen = command.TeenId ?? command.By.AccountId;
        var stream = await session.Events.FetchForWriting<Guardianship>(Guardianship.StreamFor(teen), ct);
        var decision = CloseParentInviteDecider.Decide(command.By.AccountId, command.TeenId is null ? command.InviteId : null,
            stream.Aggregate ?? Guardianship.Empty(teen), clock.GetUtcNow());
        return await ParentalStreams.CommitAsync(session, stream, decision, null, ct);
    }
}
