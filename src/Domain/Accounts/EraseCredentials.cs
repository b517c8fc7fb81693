using Marten;
using Sora.Domain.Privacy;

namespace Sora.Domain.Accounts;

/// <summary>
/// A deleted account can no longer sign in: its password hash, email claim and external logins go. The handle claim
/// stays, so the handle in its events never comes to mean someone else.
/// </summary>
public sealed class CredentialsEraser : IAccountEraser
{
    public Task EraseAsync(AccountErasure erasure, CancellationToken ct)
    {
        var me = erasure.AccountId;
        erasure.Session.Delete<AccountCredential>(me);
        erasure.Session.DeleteWhere<EmailClaim>(c => c.AccountId == me);
        erasure.Session.DeleteWhere<ExternalLogin>(l => l.AccountId == me);
        return Task.CompletedTask;
    }
}
