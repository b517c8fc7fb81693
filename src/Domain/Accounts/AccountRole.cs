namespace Sora.Domain.Accounts;

/// <summary>
/// Platform roles. Parent/teen is deliberately not a role: it is a relationship between two accounts.
/// </summary>
public enum AccountRole
{
    User,
    Moderator,
    Auditor,
    Admin,
}
