using Sora.Domain.Common;
using Sora.Domain.Text;

namespace Sora.Domain;

/// <summary>The write side's features. Adding a feature is adding it here (and its read side and schema to theirs).</summary>
public static class DomainFeatures
{
    public static IReadOnlyList<IStoreFeature> All(IPromptEmbedder embedder) =>
    [
        new Accounts.AccountsFeature(),
        new Social.SocialFeature(),
        new Privacy.PrivacyFeature(),
        new Cameos.CameosFeature(),
        new Credits.CreditsFeature(),
        new Generations.GenerationsFeature(),
        new Feed.FeedFeature(embedder),
        new Moderation.ModerationFeature(),
        new Parental.ParentalFeature(),
        new Messaging.MessagingFeature(),
        new Notifications.NotificationsFeature(),
    ];

    /// <summary>Every user-error code the features' decisions can answer with (the schema's UserErrorCode enum).</summary>
    public static IEnumerable<string> UserErrorCodes =>
        All(new LexicalPromptEmbedder()).OfType<IUserErrorFeature>().SelectMany(f => f.UserErrorCodes).Distinct();

    /// <summary>Every job the features send to workers, with its durable queue.</summary>
    public static IEnumerable<WorkerJob> WorkerJobs => All(new LexicalPromptEmbedder()).OfType<IWorkerFeature>().SelectMany(f => f.Jobs);
}
