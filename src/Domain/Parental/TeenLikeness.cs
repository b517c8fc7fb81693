using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Privacy;

namespace Sora.Domain.Parental;

/// <summary>
/// A teen's likeness (docs/parental.md): never open to everyone, its grants and wider audiences co-signed by a linked
/// parent, and every use of it visible to and removable by that parent.
/// </summary>
public static class TeenLikeness
{
    /// <summary>The consent context for a change the owner makes, with the owner's age and parents filled in.</summary>
    public static async Task<ConsentChangeContext> ContextAsync(IQuerySession session, PersonalDataVault vault, Guid owner, ConsentChangeContext context,
        DateOnly today, CancellationToken ct)
    {
        if (!await Age.IsTeenAsync(session, vault, owner, today, ct)) return context;
        var guardianship = await session.LoadAsync<Guardianship>(Guardianship.StreamFor(owner), ct);
        return context with { OwnerIsTeen = true, ParentCosigns = guardianship is { HasParents: true } };
    }

    /// <summary>Whether <paramref name="parent"/> is a linked parent of <paramref name="owner"/>, a teen today.</summary>
    public static async Task<bool> IsParentOfAsync(IQuerySession session, PersonalDataVault vault, Guid parent, Guid owner, DateOnly today,
        CancellationToken ct)
    {
        if (parent == owner) return false;
        var guardianship = await session.LoadAsync<Guardianship>(Guardianship.StreamFor(owner), ct);
        if (guardianship is null || !guardianship.IsLinked(parent)) return false;
        // As every control does, the parent's view of the likeness ends on the teen's 18th birthday.
        return await Age.IsTeenAsync(session, vault, owner, today, ct);
    }
}
