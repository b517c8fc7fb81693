namespace Sora.Domain.Accounts;

/// <summary>
/// Instance-level account settings. <see cref="BootstrapAdminHandles"/> lets an operator name the first
/// admins of a fresh instance (Sora:Accounts:BootstrapAdmins); every later role change goes through an admin.
/// </summary>
public sealed class AccountPolicy
{
    public HashSet<string> BootstrapAdminHandles { get; init; } = [];

    public bool IsBootstrapAdmin(string normalizedHandle) => BootstrapAdminHandles.Contains(normalizedHandle);
}
