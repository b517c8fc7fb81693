using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Parental;

/// <summary>The teen confirms a parent's invite.</summary>
public sealed record ConfirmParentLink(Actor By, Guid InviteId);

public static class ConfirmParentLinkDecider
{
    public static Decision<object> Decide(Guid teen, Guid inviteId, Guardianship state, FamilyFacts facts, DateTimeOffset now)
    {
        // Only the teen's own stream is read, so an invite to someone else is indistinguishable from none.
        if (state.Invites.FirstOrDefault(i => i.InviteId == inviteId) is not { } invite)
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such invite.", "inviteId");
        if (facts.Blocked) return Decision<object>.Refuse(ErrorCodes.Forbidden, "This account is not available to you.", "inviteId");
        if (!facts.TeenIsTeen) return Decision<object>.Refuse(ParentalErrors.NotEligible, "Only an account aged 13 to 17 can be linked to a parent.", "inviteId");
        // Checked again here, not only at the invite: two invites can be pending while one parent is already linked.
        if (state.Parents.Length >= Guardianship.MaxParents)
            return Decision<object>.Refuse(ParentalErrors.TooManyParents, $"You already have {Guardianship.MaxParents} linked parents.", "inviteId");
        return Decision<object>.Accept(new ParentLinked(teen, invite.ParentId, inviteId, now));
    }
}

public static class ConfirmParentLinkHandler
{
    public static async Task<CommandResult> Handle(ConfirmParentLink command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        var teen = command.By.AccountId;
        var now = clock.GetUtcNow();
        var stream = await session.Events.FetchForWriting<Guardianship>(Guardianship.StreamFor(teen), ct);
        var state = stream.Aggregate ?? Guardianship.Empty(teen);
        var parent = state.Invites.FirstOrDefault(i => i.InviteId == command.InviteId)?.ParentId ?? Guid.Empty;
        var facts = await FamilyFacts.LoadAsync(session, vault, parent, teen, DateOnly.FromDateTime(now.UtcDateTime), ct);
        return await ParentalStreams.CommitAsync(session, stream, ConfirmParentLinkDecider.Decide(teen, command.InviteId, state, facts, now), null, ct);
    }
}
