namespace Sora.Domain.Accounts;

/// <summary>
/// The account aggregate, kept as an inline snapshot so that every check in the same transaction reads it.
/// Immutable: each Apply returns a new value (Marten 9 requires Create/Apply to be public).
/// </summary>
public sealed record Account(
    Guid Id,
    string Handle,
    AccountRole[] Roles,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static Account Create(AccountRegistered e) =>
        new(e.AccountId, e.Handle, [AccountRole.User], e.At, e.At);

    public Account Apply(ProfileUpdated e) => this with { UpdatedAt = e.At };

    public Account Apply(RoleGranted e) =>
        this with { Roles = Roles.Append(e.Role).Distinct().Order().ToArray(), UpdatedAt = e.At };

    public Account Apply(RoleRevoked e) =>
        this with { Roles = Roles.Where(r => r != e.Role).ToArray(), UpdatedAt = e.At };

    public Account Apply(ExternalIdentityLinked e) => this with { UpdatedAt = e.At };

    /// <summary>A pending deletion (docs/privacy.md): the account stays usable until then, and may cancel.</summary>
    public PendingDeletion? Deletion { get; init; }
    /// <summary>Deleted: its personal data is shredded and it can no longer sign in; the document stays for replays.</summary>
    public bool Deleted { get; init; }

    public Account Apply(Privacy.AccountDeletionRequested e) => this with { Deletion = new PendingDeletion(e.RequestId, e.DueAt), UpdatedAt = e.At };
    public Account Apply(Privacy.AccountDeletionCancelled e) => this with { Deletion = null, UpdatedAt = e.At };
    public Account Apply(Privacy.AccountDeleted e) => this with { Deletion = null, Deleted = true, Roles = [], UpdatedAt = e.At };

    public bool HasRole(AccountRole role) => Roles.Contains(role);
}

public sealed record PendingDeletion(Guid RequestId, DateTimeOffset DueAt);
