using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Parental;

/// <summary>A parent asks to link with a teen account. The teen confirms (<see cref="ConfirmParentLink"/>) or declines.</summary>
public sealed record InviteTeen(Actor By, Guid TeenId);

public static class InviteTeenDecider
{
    /// <param name="parentsTeens">Teens the parent is linked to or has a pending invite with, this one excluded.</param>
    public static Decision<object> Decide(Guid parent, Guid teen, Guid inviteId, Guardianship state, FamilyFacts facts, int parentsTeens,
        DateTimeOffset now)
    {
        if (parent == teen) return Decision<object>.Refuse(ErrorCodes.CannotTargetSelf, "You cannot link to your own account.", "teenId");
        if (facts.Blocked) return Decision<object>.Refuse(ErrorCodes.Forbidden, "This account is not available to you.", "teenId");
        if (!facts.ParentIsAdult) return Decision<object>.Refuse(ParentalErrors.NotEligible, "Only an adult account can be a parent.", "teenId");
        if (!facts.TeenIsTeen) return Decision<object>.Refuse(ParentalErrors.NotEligible, "Only an account aged 13 to 17 can be linked to a parent.", "teenId");
        if (state.IsLinked(parent) || state.Invites.Any(i => i.ParentId == parent))
            return Decision<object>.Refuse(ParentalErrors.AlreadyInvited, "You are already linked to this account or have invited it.", "teenId");
        if (state.Parents.Length >= Guardianship.MaxParents)
            return Decision<object>.Refuse(ParentalErrors.TooManyParents, $"This account already has {Guardianship.MaxParents} linked parents.", "teenId");
        if (parentsTeens >= Guardianship.MaxTeensPerParent)
            return Decision<object>.Refuse(ParentalErrors.TooManyTeens, $"A parent can be linked to at most {Guardianship.MaxTeensPerParent} teens, invites included.", "teenId");
        if (state.Invites.Length >= Guardianship.MaxPendingInvites)
            return Decision<object>.Refuse(ParentalErrors.AlreadyInvited, "This account has too many pending invites.", "teenId");
        return Decision<object>.Accept(new ParentLinkInvited(teen, parent, inviteId, now));
    }
}

public static class InviteTeenHandler
{
    public static async Task<CommandResult> Handle(InviteTeen command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        if (await session.LoadAsync<Account>(command.TeenId, ct) is null) return CommandResult.Refuse(ErrorCodes.NotFound, "No such account.", "teenId");
        var now = clock.GetUtcNow();
        // The per-parent bound spans many teens' streams: the parent's lock makes its count exact across concurrent invites.
        await AdvisoryLock.AcquireAsync(session, AdvisoryLock.Parent, command.By.AccountId, ct);
        var parent = command.By.AccountId;
        var parentsTeens = await session.Query<Guardianship>()
            .CountAsync(g => g.TeenId != command.TeenId && (g.Parents.Contains(parent) || g.Invites.Any(i => i.ParentId == parent)), ct);
        var facts = await FamilyFacts.LoadAsync(session, vault, command.By.AccountId, command.TeenId, DateOnly.FromDateTime(now.UtcDateTime), ct);
        var stream = await session.Events.FetchForWriting<Guardianship>(Guardianship.StreamFor(command.TeenId), ct);
        var inviteId = Guid.CreateVersion7();
        var decision = InviteTeenDecider.Decide(command.By.AccountId, command.TeenId, inviteId,
            stream.Aggregate ?? Guardianship.Empty(command.TeenId), facts, parentsTeens, now);
        return await ParentalStreams.CommitAsync(session, stream, decision, inviteId, ct);
    }
}
