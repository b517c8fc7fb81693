using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Privacy;

public sealed class PrivacyFeature : IStoreFeature, IWorkerFeature
{
    /// <summary>The durable queue of the right to leave: archive builds and the purges that follow a deletion.</summary>
    public const string Queue = "privacy";

    public IEnumerable<WorkerJob> Jobs => [new(typeof(PurgeMedia), Queue), new(typeof(MaskErasedText), Queue)];

    public void Configure(StoreOptions opts)
    {
        PrivacyEventTypes.Register(opts);
        opts.Schema.For<SubjectKey>();
        opts.Schema.For<SealedRecord>().Duplicate(x => x.SubjectId);
    }
}
