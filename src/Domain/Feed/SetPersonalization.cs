using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Feed;

public sealed record SetPersonalization(Actor By, bool Enabled);

public static class SetPersonalizationHandler
{
    public static async Task<CommandResult> Handle(SetPersonalization command, IDocumentSession session, Privacy.PersonalDataVault vault,
        TimeProvider clock, CancellationToken ct)
    {
        var account = command.By.AccountId;
        var now = clock.GetUtcNow();
        if (command.Enabled && (await Parental.ParentalControlsInForce.ForAsync(session, vault, account, DateOnly.FromDateTime(now.UtcDateTime), ct))
            .Controls.PersonalizationOff)
            return CommandResult.Refuse(Parental.ParentalErrors.SetByParent, "A linked parent switched personalization off.", "enabled");
        var stream = await session.Events.FetchForWriting<FeedSettings>(FeedSettings.StreamFor(account), ct);
        if ((stream.Aggregate?.Personalized ?? true) == command.Enabled) return CommandResult.Done;
        stream.AppendOne(new PersonalizationChanged(account, command.Enabled, now));
        await session.SaveChangesAsync(ct);
        return CommandResult.Done;
    }
}
