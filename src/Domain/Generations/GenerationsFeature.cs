using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Media;

namespace Sora.Domain.Generations;

public sealed class GenerationsFeature : IStoreFeature, IWorkerFeature, IUserErrorFeature
{
    public IEnumerable<string> UserErrorCodes =>
    [
        GenerationRules.InvalidPrompt, GenerationRules.UnsupportedDuration, GenerationRules.TooManyCameos, GenerationRules.UnknownCameo,
        GenerationRules.InvalidImage, GenerationRules.RemixUnavailable, GenerationRules.InvalidClientRequestId, GenerationRules.NotCancellable,
        GenerationRules.NotPublishable, GenerationRules.LikenessNotConsented,
    ];


    /// <summary>The durable queue render work travels on (Wolverine's PostgreSQL transport; workers compete for it).</summary>
    public const string RenderQueue = "render";

    public IEnumerable<WorkerJob> Jobs => [new(typeof(RenderVideo), RenderQueue)];

    public void Configure(StoreOptions opts)
    {
        GenerationEventTypes.Register(opts);
        opts.Projections.Snapshot<Generation>(SnapshotLifecycle.Inline);
        // Queue depth and position, the creator's list, remix lineage, and "which generations show this cameo".
        opts.Schema.For<Generation>().Duplicate(g => g.RequesterId).Duplicate(g => g.Stage).Duplicate(g => g.RemixOf)
            .Duplicate(g => g.RequestedAt).GinIndexJsonData();
        opts.Schema.For<MediaObject>().Duplicate(m => m.Sha256).Duplicate(m => m.GenerationId);
    }
}
