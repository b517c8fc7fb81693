using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Feed;

public sealed record ImportAssistantTopics(Actor By, IReadOnlyList<AssistantTopic> Topics, string Source);

public static class ImportAssistantTopicsHandler
{
    /// <summary>Vault record kind for imported assistant topics: deleting the record deletes the topics.</summary>
    public const string AssistantTopicsKind = "assistant-topics";

    public static async Task<CommandResult> Handle(ImportAssistantTopics command, IDocumentSession session, PersonalDataVault vault,
        TimeProvider clock, CancellationToken ct)
    {
        if (FeedSettingsRules.CheckTopics(command.Topics) is { } bad) return new CommandResult(null, bad);
        var account = command.By.AccountId;
        // A teen default (docs/parental.md): personalization learns from in-app activity only, so no outside history.
        if (await Accounts.Age.IsTeenAsync(session, vault, account, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct))
            return CommandResult.Refuse(Parental.ParentalErrors.NotEligible, "Assistant history is off for accounts under 18.", "topics");
        var topics = command.Topics.Select(t => new AssistantTopic(t.Topic.Trim(), t.Weight)).ToList();
        // Opting in is importing: the topics go to the vault (encrypted, deletable), the event says only how many.
        await vault.SealAsync(session, account, AssistantTopicsKind, topics, ct);
        var stream = await session.Events.FetchForWriting<FeedSettings>(FeedSettings.StreamFor(account), ct);
        stream.AppendOne(new AssistantTopicsImported(account, topics.Count, string.IsNullOrWhiteSpace(command.Source) ? "assistant" : command.Source.Trim(), clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return CommandResult.Done;
    }
}
