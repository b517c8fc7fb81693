namespace Sora.Domain.Common;

/// <summary>Who is acting: the signed-in account and the roles it held when the request was authenticated.</summary>
public sealed record Actor(Guid AccountId, IReadOnlySet<Accounts.AccountRole> Roles)
{
    public bool Has(Accounts.AccountRole role) => Roles.Contains(role);
    public bool IsAdmin => Has(Accounts.AccountRole.Admin);
    /// <summary>A suspension or ban in force when the request was authenticated (docs/moderation.md, what it keeps).</summary>
    public Moderation.AccountRestriction? Restriction { get; init; }
}
