using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Privacy;
using Sora.Domain.Social;
using Sora.Projections.Social;

namespace Sora.GraphQL.Schema.Common;

/// <summary>The DataLoaders of one request. Each opens its own short query session: Marten sessions are not
/// thread-safe and GraphQL resolves sibling fields in parallel.</summary>
public sealed class RequestLoaders(IDocumentStore store, PersonalDataVault vault, Guid? viewer = null)
{
    /// <summary>
    /// Accounts as the viewer may see them: the one place the rule of <c>account(id)</c> applies to every path that
    /// returns an account (payloads, grantees, creators, authors, requesters, actors). An account that blocks the viewer
    /// is not there for them: the field is null, and lists leave it out. Nor is a deleted account, for anyone.
    /// </summary>
    public BatchLoader<Guid, Account> Accounts { get; } = new(async (ids, ct) =>
    {
        await using var session = store.QuerySession();
        var accounts = (await session.LoadManyAsync<Account>(ct, ids)).Where(a => !a.Deleted).ToDictionary(a => a.Id);
        if (viewer is not { } me) return accounts;
        var others = accounts.Keys.Where(id => id != me).ToDictionary(id => Relationship.IdFor(id, me));
        foreach (var relationship in await session.LoadManyAsync<Relationship>(ct, others.Keys))
            if (relationship.Blocks(others[relationship.Id])) accounts.Remove(others[relationship.Id]);
        return accounts;
    });

    public BatchLoader<Guid, AccountPersonalData> PersonalData { get; } = new(async (ids, ct) =>
    {
        await using var session = store.QuerySession();
        return await vault.OpenManyAsync<AccountPersonalData>(session, ids, SignUpHandler.PersonalDataKind, ct);
    });

    public BatchLoader<Guid, AccountStats> Stats { get; } = new(async (ids, ct) =>
    {
        await using var session = store.QuerySession();
        return (await session.LoadManyAsync<AccountStats>(ct, ids)).ToDictionary(s => s.Id);
    });

    public BatchLoader<Guid, Relationship> Relationships { get; } = new(async (ids, ct) =>
    {
        await using var session = store.QuerySession();
        return (await session.LoadManyAsync<Relationship>(ct, ids)).ToDictionary(r => r.Id);
    });
}
