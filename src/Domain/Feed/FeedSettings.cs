using Sora.Domain.Common;

namespace Sora.Domain.Feed;

/// <summary>
/// An account's feed controls (inline snapshot, one stream per account, <see cref="StreamFor"/>). Enforced on the
/// server: the feed query reads them on every page.
/// </summary>
public sealed class FeedSettings
{
    public const int MaxScrollCap = 10_000;
    public const int MaxAssistantTopics = 50;

    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public bool Personalized { get; set; } = true;
    /// <summary>Items the feed may serve per UTC day; null means no cap.</summary>
    public int? DailyScrollCap { get; set; }
    public Guid? CapSetBy { get; set; }
    public bool AssistantConnected { get; set; }
    public int AssistantTopicCount { get; set; }

    public static Guid StreamFor(Guid account) => DeterministicGuid.From("feed-settings", account);

    public void Apply(PersonalizationChanged e) => (AccountId, Personalized) = (e.AccountId, e.Enabled);
    public void Apply(DailyScrollCapSet e) => (AccountId, DailyScrollCap, CapSetBy) = (e.AccountId, e.Cap, e.SetBy);
    public void Apply(AssistantTopicsImported e) => (AccountId, AssistantConnected, AssistantTopicCount) = (e.AccountId, true, e.TopicCount);
    public void Apply(AssistantHistoryDisconnected e) => (AccountId, AssistantConnected, AssistantTopicCount) = (e.AccountId, false, 0);
}

/// <summary>A topic imported from an external assistant's conversation history, with a weight in (0, 1].</summary>
public sealed record AssistantTopic(string Topic, double Weight);

public static class FeedSettingsRules
{
    public static Refusal? CheckCap(int? cap) => cap is < 1 or > FeedSettings.MaxScrollCap
        ? new Refusal(ErrorCodes.BadUserInput, $"The daily cap must be between 1 and {FeedSettings.MaxScrollCap}, or null for none.", "cap")
        : null;

    /// <summary>Who may set an account's own cap: the account itself (self-limiting) and admins. A parent sets a teen's cap through setParentalControls.</summary>
    public static bool MaySetCap(Actor actor, Guid account) => actor.AccountId == account || actor.IsAdmin;

    public static Refusal? CheckTopics(IReadOnlyList<AssistantTopic> topics)
    {
        if (topics.Count is 0 or > FeedSettings.MaxAssistantTopics)
            return new Refusal(ErrorCodes.BadUserInput, $"Give between 1 and {FeedSettings.MaxAssistantTopics} topics.", "topics");
        foreach (var t in topics)
        {
            if (string.IsNullOrWhiteSpace(t.Topic) || t.Topic.Length > 80)
                return new Refusal(ErrorCodes.BadUserInput, "Each topic is 1 to 80 characters.", "topics");
            if (!(t.Weight > 0 && t.Weight <= 1))
                return new Refusal(ErrorCodes.BadUserInput, "Each weight is in (0, 1].", "topics");
        }
        return null;
    }
}
