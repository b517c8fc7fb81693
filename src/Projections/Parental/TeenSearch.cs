using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Privacy;
using Sora.Domain.Social;

namespace Sora.Projections.Parental;

/// <summary>
/// A teen default (docs/parental.md): a teen's videos do not appear in search for adults the teen does not follow, nor for
/// anonymous viewers. Teen status comes from the vault at read time, as everywhere, so nothing about age is indexed.
/// </summary>
public static class TeenSearch
{
    /// <summary>The authors among <paramref name="authors"/> whose videos <paramref name="viewer"/> may not find.</summary>
    public static async Task<IReadOnlySet<Guid>> HiddenAuthorsAsync(IQuerySession session, PersonalDataVault vault, Guid? viewer,
        IReadOnlyCollection<Guid> authors, DateOnly today, CancellationToken ct)
    {
        if (authors.Count == 0) return new HashSet<Guid>();
        var among = await Age.TeensAmongAsync(session, vault, viewer is { } v ? [.. authors, v] : authors.ToArray(), today, ct);
        var teens = authors.Where(a => a != viewer && among.Contains(a)).ToList();
        if (teens.Count == 0) return new HashSet<Guid>();
        // Teens find each other; an adult finds a teen only when the teen follows them.
        if (viewer is { } me && among.Contains(me)) return new HashSet<Guid>();
        if (viewer is not { } adult) return teens.ToHashSet();
        var relationships = (await session.LoadManyAsync<Relationship>(ct, teens.Select(t => Relationship.IdFor(t, adult)).ToArray()))
            .ToDictionary(r => r.Id);
        return teens.Where(t => !(relationships.TryGetValue(Relationship.IdFor(t, adult), out var r) && r.Follows(t))).ToHashSet();
    }
}
