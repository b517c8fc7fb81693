using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Feed;

public sealed record SetPersonalization(Actor By, bool Enabled);

public static class SetPersonalizationHandler
{
    public static async Task<CommandResult> Handle(SetPersonalization command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var account = command.By.AccountId;
        var stream = await session.Events.FetchForWriting<FeedSettings>(FeedSettings.StreamFor(account), ct);
        if ((stream.Aggregate?.Personalized ?? true) == command.Enabled) return CommandResult.Done;
        stream.AppendOne(new PersonalizationChanged(account, command.Enabled, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return CommandResult.Done;
    }
}
