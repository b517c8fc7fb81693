using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Privacy;
using Sora.Domain.Social;

namespace Sora.Domain.Parental;

/// <summary>
/// What a link decision needs to know about the two accounts, read in the decision's session: their ages (from the
/// birth dates sealed in the vault, never stored elsewhere) and whether either blocks the other.
/// </summary>
public sealed record FamilyFacts(bool ParentIsAdult, bool TeenIsTeen, bool Blocked)
{
    public static async Task<FamilyFacts> LoadAsync(IQuerySession session, PersonalDataVault vault, Guid parent, Guid teen, DateOnly today,
        CancellationToken ct)
    {
        var data = await vault.OpenManyAsync<AccountPersonalData>(session, [parent, teen], SignUpHandler.PersonalDataKind, ct);
        var relationship = await session.LoadAsync<Relationship>(Relationship.IdFor(parent, teen), ct);
        return new FamilyFacts(
            data.TryGetValue(parent, out var p) && Age.YearsOn(p.BirthDate, today) >= Age.AdultAge,
            data.TryGetValue(teen, out var t) && Age.IsTeen(t.BirthDate, today),
            relationship is not null && relationship.Blockers.Length > 0);
    }
}

/// <summary>The controls in force for an account: none unless it is a teen today with a linked parent.</summary>
public static class ParentalControlsInForce
{
    public static async Task<(Guardianship? Guardianship, ParentalControls Controls)> ForAsync(IQuerySession session, PersonalDataVault vault,
        Guid account, DateOnly today, CancellationToken ct)
    {
        var guardianship = await session.LoadAsync<Guardianship>(Guardianship.StreamFor(account), ct);
        if (guardianship is not { HasParents: true }) return (guardianship, ParentalControls.None);
        // Controls end on the 18th birthday without anyone acting: the age is read only for linked accounts.
        return await Age.IsTeenAsync(session, vault, account, today, ct) ? (guardianship, guardianship.Controls) : (guardianship, ParentalControls.None);
    }
}
