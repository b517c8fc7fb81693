using Marten;
using Sora.Domain;
using Sora.Domain.Common;
using Sora.Domain.Text;

namespace Sora.Projections;

/// <summary>
/// The event store's features: the write side's (Domain) and the read side's, in one list so that the host, the
/// benchmarks and the tools configure the same store. Adding a feature is adding it to one of these two lists.
/// </summary>
public static class SoraProjections
{
    public static IReadOnlyList<IStoreFeature> ReadSide { get; } =
    [
        new Social.SocialProjections(),
        new Feed.FeedProjections(),
        new Notifications.NotificationProjections(),
    ];

    public static void Register(StoreOptions opts, IPromptEmbedder? embedder = null)
    {
        foreach (var feature in DomainFeatures.All(embedder ?? new LexicalPromptEmbedder()).Concat(ReadSide)) feature.Configure(opts);
    }
}
