using Marten;

namespace Sora.Domain.Accounts;

// Events carry ids, the public handle and times only. Email, birth date, display name and bio live in the
// personal-data vault (see Privacy/), so crypto-shredding an account leaves these events valid and empty of
// personal data.

public sealed record AccountRegistered(Guid AccountId, string Handle, DateTimeOffset At);

/// <summary>The profile changed; <paramref name="Fields"/> names what changed, the values are in the vault.</summary>
public sealed record ProfileUpdated(Guid AccountId, Guid UpdatedBy, string[] Fields, DateTimeOffset At);

public sealed record RoleGranted(Guid AccountId, AccountRole Role, Guid GrantedBy, DateTimeOffset At);

public sealed record RoleRevoked(Guid AccountId, AccountRole Role, Guid RevokedBy, DateTimeOffset At);

/// <summary>An external OIDC identity now signs in as this account. The subject id stays in a document.</summary>
public sealed record ExternalIdentityLinked(Guid AccountId, string Issuer, DateTimeOffset At);

public static class AccountEventTypes
{
    /// <summary>Stable aliases: renaming a CLR type must never orphan stored streams.</summary>
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<AccountRegistered>("account_registered");
        opts.Events.MapEventType<ProfileUpdated>("profile_updated");
        opts.Events.MapEventType<RoleGranted>("role_granted");
        opts.Events.MapEventType<RoleRevoked>("role_revoked");
        opts.Events.MapEventType<ExternalIdentityLinked>("external_identity_linked");
    }
}
