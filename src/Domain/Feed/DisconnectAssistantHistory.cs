using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Feed;

public sealed record DisconnectAssistantHistory(Actor By);

public static class DisconnectAssistantHistoryHandler
{
    public static async Task<CommandResult> Handle(DisconnectAssistantHistory command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var account = command.By.AccountId;
        var stream = await session.Events.FetchForWriting<FeedSettings>(FeedSettings.StreamFor(account), ct);
        // The topics themselves go at once; the event is there only if they were connected.
        session.Delete<SealedRecord>(PersonalDataVault.RecordId(ImportAssistantTopicsHandler.AssistantTopicsKind, account));
        if (stream.Aggregate is { AssistantConnected: true }) stream.AppendOne(new AssistantHistoryDisconnected(account, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return CommandResult.Done;
    }
}
