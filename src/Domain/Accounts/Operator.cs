using Sora.Domain.Common;

namespace Sora.Domain.Accounts;

/// <summary>
/// Whoever runs the instance (<c>./sora admin</c> on its machine, with its database): not an account, so a fresh
/// instance can get its first admin. Role events it writes name <see cref="Id"/> as their actor, and carry
/// "operator" as their user name, so auditors can tell them from an admin's.
/// </summary>
public static class Operator
{
    public const string UserName = "operator";

    /// <summary>A fixed, name-based id that no account can have (accounts get random version-7 ids).</summary>
    public static readonly Guid Id = DeterministicGuid.From("sora-operator");

    public static Actor Actor { get; } = new(Id, new HashSet<AccountRole> { AccountRole.Admin });
}
