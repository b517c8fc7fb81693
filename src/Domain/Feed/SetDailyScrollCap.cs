using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Feed;

public sealed record SetDailyScrollCap(Actor By, Guid AccountId, int? Cap);

public static class SetDailyScrollCapHandler
{
    public static async Task<CommandResult> Handle(SetDailyScrollCap command, IDocumentSession session, Privacy.PersonalDataVault vault,
        TimeProvider clock, CancellationToken ct)
    {
        if (!FeedSettingsRules.MaySetCap(command.By, command.AccountId))
            return CommandResult.Refuse(ErrorCodes.Forbidden, "Only the account itself or an admin can set its daily cap.", "accountId");
        if (FeedSettingsRules.CheckCap(command.Cap) is { } bad) return new CommandResult(null, bad);
        if (await session.LoadAsync<Accounts.Account>(command.AccountId, ct) is null)
            return CommandResult.Refuse(ErrorCodes.NotFound, "No such account.", "accountId");
        // The account's own cap sits beside a parent's (the smaller one applies); while a parent sets one, the teen keeps out.
        if (command.By.AccountId == command.AccountId && (await Parental.ParentalControlsInForce.ForAsync(session, vault, command.AccountId,
                DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct)).Controls.DailyItemCap is not null)
            return CommandResult.Refuse(Parental.ParentalErrors.SetByParent, "A linked parent set this account's daily cap.", "cap");
        var stream = await session.Events.FetchForWriting<FeedSettings>(FeedSettings.StreamFor(command.AccountId), ct);
        if (stream.Aggregate?.DailyScrollCap == command.Cap) return CommandResult.Done;
        stream.AppendOne(new DailyScrollCapSet(command.AccountId, command.Cap, command.By.AccountId, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return CommandResult.Done;
    }
}
