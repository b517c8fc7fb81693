using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Accounts;

/// <summary>Grants (<paramref name="Grant"/> true) or revokes a role. Only admins may do either.</summary>
public sealed record ChangeRole(Actor By, Guid AccountId, AccountRole Role, bool Grant);

public static class ChangeRoleDecider
{
    public static Decision<object> Decide(ChangeRole command, Account? account, DateTimeOffset now)
    {
        if (!command.By.IsAdmin) return Decision<object>.Refuse(ErrorCodes.Forbidden, "Only an admin can change roles.");
        if (account is null) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such account.");
        if (command.Role == AccountRole.User)
            return Decision<object>.Refuse(ErrorCodes.BadUserInput, "Every account is a user; that role cannot change.", "role");
        if (command.Grant)
            return account.HasRole(command.Role)
                ? Decision<object>.Refuse(AccountErrors.RoleAlreadyHeld, "The account already holds that role.", "role")
                : Decision<object>.Accept(new RoleGranted(account.Id, command.Role, command.By.AccountId, now));
        if (!account.HasRole(command.Role))
            return Decision<object>.Refuse(AccountErrors.RoleNotHeld, "The account does not hold that role.", "role");
        // An admin cannot remove their own admin role: that is how instances end up with no admin at all.
        if (command.Role == AccountRole.Admin && account.Id == command.By.AccountId)
            return Decision<object>.Refuse(ErrorCodes.Forbidden, "Admins cannot revoke their own admin role.");
        return Decision<object>.Accept(new RoleRevoked(account.Id, command.Role, command.By.AccountId, now));
    }
}

public static class ChangeRoleHandler
{
    public static async Task<CommandResult> Handle(ChangeRole command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Account>(command.AccountId, ct);
        var decision = ChangeRoleDecider.Decide(command, stream.Aggregate, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(command.AccountId);
    }
}
