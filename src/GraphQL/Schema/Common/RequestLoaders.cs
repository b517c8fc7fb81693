using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Privacy;
using Sora.Domain.Social;
using Sora.Projections.Social;

namespace Sora.GraphQL.Schema.Common;

/// <summary>The DataLoaders of one request. Each opens its own short query session: Marten sessions are not
/// thread-safe and GraphQL resolves sibling fields in parallel.</summary>
public sealed class RequestLoaders(IDocumentStore store, PersonalDataVault vault)
{
    public BatchLoader<Guid, Account> Accounts { get; } = new(async (ids, ct) =>
    {
        await using var session = store.QuerySession();
        return (await session.LoadManyAsync<Account>(ct, ids)).ToDictionary(a => a.Id);
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
