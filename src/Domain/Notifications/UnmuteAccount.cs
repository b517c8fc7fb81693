using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Notifications;

/// <summary>Unmuting needs no account check: an account that has since gone can still leave the list.</summary>
public sealed record UnmuteAccount(Actor By, Guid AccountId);

public static class UnmuteAccountHandler
{
    public static async Task<CommandResult> Handle(UnmuteAccount command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var account = command.By.AccountId;
        if (command.AccountId == account) return CommandResult.Refuse(ErrorCodes.CannotTargetSelf, "You cannot mute yourself.", "accountId");
        var stream = await session.Events.FetchForWriting<NotificationSettings>(NotificationSettings.StreamFor(account), ct);
        if (stream.Aggregate?.Mutes(command.AccountId) != true) return CommandResult.Done;
        stream.AppendOne(new AccountUnmuted(account, command.AccountId, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return CommandResult.Done;
    }
}
