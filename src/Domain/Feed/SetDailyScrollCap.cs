using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Feed;

public sealed record SetDailyScrollCap(Actor By, Guid AccountId, int? Cap);

public static class SetDailyScrollCapHandler
{
    public static async Task<FeedCommandResult> Handle(SetDailyScrollCap command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (!FeedSettingsRules.MaySetCap(command.By, command.AccountId))
            return FeedCommandResult.Refuse(ErrorCodes.Forbidden, "Only the account itself or an admin can set its daily cap.", "accountId");
        if (FeedSettingsRules.CheckCap(command.Cap) is { } bad) return new FeedCommandResult(bad);
        if (await session.LoadAsync<Accounts.Account>(command.AccountId, ct) is null)
            return FeedCommandResult.Refuse(ErrorCodes.NotFound, "No such account.", "accountId");
        var stream = await session.Events.FetchForWriting<FeedSettings>(FeedSettings.StreamFor(command.AccountId), ct);
        if (stream.Aggregate?.DailyScrollCap == command.Cap) return FeedCommandResult.Ok;
        stream.AppendOne(new DailyScrollCapSet(command.AccountId, command.Cap, command.By.AccountId, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return FeedCommandResult.Ok;
    }
}
