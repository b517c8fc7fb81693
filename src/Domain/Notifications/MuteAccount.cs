using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Social;

namespace Sora.Domain.Notifications;

public sealed record MuteAccount(Actor By, Guid AccountId);

public static class MuteDecider
{
    /// <param name="blocksYou">The target blocks the actor: answered as a missing account, as everywhere else.</param>
    public static Decision<object> Decide(Guid account, Guid target, bool exists, bool blocksYou, NotificationSettings? current, DateTimeOffset now)
    {
        if (target == account) return Decision<object>.Refuse(ErrorCodes.CannotTargetSelf, "You cannot mute yourself.", "accountId");
        if (!exists || blocksYou) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such account.", "accountId");
        if (current?.Mutes(target) == true) return Decision<object>.Accept();
        if ((current?.Muted.Length ?? 0) >= NotificationSettings.MaxMutes)
            return Decision<object>.Refuse(NotificationErrors.MuteLimitReached, $"You can mute at most {NotificationSettings.MaxMutes} accounts.", "accountId");
        return Decision<object>.Accept(new AccountMuted(account, target, now));
    }
}

public static class MuteAccountHandler
{
    public static async Task<CommandResult> Handle(MuteAccount command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var account = command.By.AccountId;
        var exists = await session.LoadAsync<Account>(command.AccountId, ct) is not null;
        var between = await session.LoadAsync<Relationship>(Relationship.IdFor(account, command.AccountId), ct);
        var stream = await session.Events.FetchForWriting<NotificationSettings>(NotificationSettings.StreamFor(account), ct);
        var decision = MuteDecider.Decide(account, command.AccountId, exists, between?.Blocks(command.AccountId) == true, stream.Aggregate, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count == 0) return CommandResult.Done;
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return CommandResult.Done;
    }
}
