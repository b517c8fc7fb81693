using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Accounts;

/// <summary>
/// Checks a handle-or-email and password. Signing in changes no state, so it is a query, not a command.
/// Unknown login and wrong password give the same answer and cost the same hash, so neither the reply
/// nor its timing tells an attacker which accounts exist.
/// </summary>
public static class SignIn
{
    // A hash of a random password at the default cost, verified when the login is unknown.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher().Hash(Guid.NewGuid().ToString()));

    public static async Task<CommandResult> VerifyAsync(
        IQuerySession session, PersonalDataVault vault, string login, string password, CancellationToken ct = default)
    {
        var accountId = await ResolveLoginAsync(session, vault, login, ct);
        return await VerifyResolvedAsync(session, accountId, password, ct);
    }

    /// <summary>The password check for a login already resolved (null: no such account, the decoy is checked).</summary>
    public static async Task<CommandResult> VerifyResolvedAsync(IQuerySession session, Guid? accountId, string password, CancellationToken ct = default)
    {
        var credential = accountId is { } id ? await session.LoadAsync<AccountCredential>(id, ct) : null;
        var ok = PasswordHasher.Verify(password, credential?.PasswordHash ?? DecoyHash.Value) && credential is not null;
        return ok
            ? CommandResult.Ok(credential!.Id)
            : CommandResult.No(new Refusal(AccountErrors.InvalidCredentials, "Wrong handle, email or password."));
    }

    /// <summary>The account a handle or email names, or null.</summary>
    public static async Task<Guid?> ResolveLoginAsync(IQuerySession session, PersonalDataVault vault, string login, CancellationToken ct)
    {
        if (login.Contains('@') && !login.StartsWith('@'))
        {
            var claim = await session.LoadAsync<EmailClaim>(vault.LookupHash("email", SignUpDecider.NormalizeEmail(login)), ct);
            return claim?.AccountId;
        }
        var handle = await session.LoadAsync<HandleClaim>(Handles.Normalize(login), ct);
        return handle?.AccountId;
    }

    /// <summary>Maps a validated external token's issuer and subject to the linked account, if any.</summary>
    public static async Task<Guid?> ResolveExternalAsync(
        IQuerySession session, PersonalDataVault vault, string issuer, string subject, CancellationToken ct = default)
    {
        var login = await session.LoadAsync<ExternalLogin>(vault.LookupHash("external", $"{issuer}|{subject}"), ct);
        return login?.AccountId;
    }
}
