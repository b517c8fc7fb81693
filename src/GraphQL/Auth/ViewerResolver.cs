using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.GraphQL.Auth;

/// <summary>
/// Turns a bearer token into a <see cref="Viewer"/>. Roles are read from the account snapshot on every request
/// rather than trusted from the token, so a revoked role takes effect at once.
/// </summary>
public sealed class ViewerResolver(TokenService tokens, IDocumentStore store, PersonalDataVault vault, TimeProvider clock)
{
    public async Task<Authentication> ResolveAsync(string? bearer, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(bearer)) return Authentication.Ok(Viewer.Anonymous);
        var (token, failure) = await tokens.ValidateAsync(bearer, ct);
        if (token is null) return Authentication.Fail(failure!);

        await using var session = store.QuerySession();
        Guid? accountId = token.External
            ? await SignIn.ResolveExternalAsync(session, vault, token.Issuer, token.Subject, ct)
            : Guid.TryParse(token.Subject, out var id) ? id : null;

        if (accountId is null)
            return token.External
                ? Authentication.Ok(new Viewer(null, new ExternalIdentity(token.Issuer, token.Subject), null))
                : Authentication.Fail("The token's subject is not an account.");

        // One round trip: the account and its standing (a suspension holds from the transaction that decided it).
        var batch = session.CreateBatchQuery();
        var loadAccount = batch.Load<Account>(accountId.Value);
        var loadStanding = batch.Load<Sora.Domain.Moderation.AccountStanding>(accountId.Value);
        await batch.Execute(ct);
        var account = await loadAccount;
        if (account is null || account.Deleted) return Authentication.Fail("The account no longer exists.");
        var restriction = (await loadStanding)?.RestrictionAt(clock.GetUtcNow());
        return Authentication.Ok(new Viewer(new Actor(account.Id, account.Roles.ToHashSet()) { Restriction = restriction }, null, account));
    }

    /// <summary>
    /// The viewer with its standing read again: a WebSocket authenticates once, at connection_init, and a suspension,
    /// ban or its end must reach the mutations it sends afterwards.
    /// </summary>
    public async Task<Viewer> RefreshStandingAsync(Viewer viewer, CancellationToken ct)
    {
        if (viewer.Actor is not { } actor) return viewer;
        await using var session = store.QuerySession();
        var standing = await session.LoadAsync<Sora.Domain.Moderation.AccountStanding>(actor.AccountId, ct);
        return viewer with { Actor = actor with { Restriction = standing?.RestrictionAt(clock.GetUtcNow()) } };
    }

    /// <summary>Reads "Bearer x" (any case) and returns x.</summary>
    public static string? BearerFrom(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : header.Trim();
    }
}
