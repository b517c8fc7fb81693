namespace Sora.Domain.Accounts;

// Documents that sit beside the account stream. They are not read models: they are uniqueness guards and
// credentials, written in the same transaction as the events.

/// <summary>Claims a normalized handle. The document id is the handle, so a second insert fails atomically.</summary>
public sealed class HandleClaim
{
    public string Id { get; set; } = "";
    public Guid AccountId { get; set; }
}

/// <summary>Claims an email by its keyed hash (never the address itself), for uniqueness and sign-in lookup.</summary>
public sealed class EmailClaim
{
    public string Id { get; set; } = "";
    public Guid AccountId { get; set; }
}

/// <summary>The password hash of an account (PBKDF2; see <see cref="PasswordHasher"/>).</summary>
public sealed class AccountCredential
{
    public Guid Id { get; set; }
    public string PasswordHash { get; set; } = "";
}

/// <summary>Links an external issuer's subject to an account. Id = keyed hash of "issuer|subject".</summary>
public sealed class ExternalLogin
{
    public string Id { get; set; } = "";
    public Guid AccountId { get; set; }
    public string Issuer { get; set; } = "";
}

/// <summary>Personal data of an account, stored only sealed in the vault under the account's key.</summary>
public sealed record AccountPersonalData(string Email, DateOnly BirthDate, string? DisplayName, string? Bio);
