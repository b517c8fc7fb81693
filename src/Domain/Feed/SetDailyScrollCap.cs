using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Feed;

public sealed record SetDailyScrollCap(Actor By, Guid AccountId, int? Cap);

public static class SetDailyScrollCapHandler
{
    public static async Task<CommandResult> Handle(SetDailyScrollCap command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (!FeedSettingsRules.MaySetCap(command.By, command.AccountId))
            return CommandResult.Refuse(ErrorCodes.Forbidden, "Only the account itself or an admin can set its daily cap.", "accountId");
        if (FeedSettingsRules.CheckCap(command.Cap) is { } bad) return new CommandResult(null, bad);
        if (await session.LoadAsync<Accounts.Account>(command.AccountId, ct) is null)
            return CommandResult.Refuse(ErrorCodes.NotFound, "No such account.", "accountId");
        var stream = await session.Events.FetchForWriting<FeedSettings>(FeedSettings.StreamFor(command.AccountId), ct);
        if (stream.Aggregate?.DailyScrollCap == command.Cap) return CommandResult.Done;
        stream.AppendOne(new DailyScrollCapSet(command.AccountId, command.Cap, command.By.AccountId, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return CommandResult.Done;
    }
}
