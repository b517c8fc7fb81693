namespace Sora.Domain.Common;

/// <summary>Who is acting: the signed-in account and the roles it held when the request was authenticated.</summary>
public sealed record Actor(Guid AccountId, IReadOnlySet<Accounts.AccountRole> Roles)
{
    public bool Has(Accounts.AccountRole role) => Roles.Contains(role);
    public bool IsAdmin => Has(Accounts.AccountRole.Admin);
}
