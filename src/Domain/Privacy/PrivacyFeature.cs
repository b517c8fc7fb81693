using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Privacy;

public sealed class PrivacyFeature : IStoreFeature, IWorkerFeature, IUserErrorFeature
{
    /// <summary>The durable queue of the right to leave: archive builds and the purges that follow a deletion.</summary>
    public const string Queue = "privacy";

    public IEnumerable<WorkerJob> Jobs => [new(typeof(BuildDataExport), Queue), new(typeof(PurgeMedia), Queue), new(typeof(MaskErasedText), Queue)];

    public IEnumerable<string> UserErrorCodes => [PrivacyErrors.TooManyExports];

    public void Configure(StoreOptions opts)
    {
        PrivacyEventTypes.Register(opts);
        // Inline: the daily bound, the one download and the expiry sweep read an export's state in their own transaction.
        opts.Projections.Snapshot<DataExport>(JasperFx.Events.Projections.SnapshotLifecycle.Inline);
        opts.Schema.For<DataExport>().Duplicate(e => e.AccountId).Duplicate(e => e.ExpiresAt!);
        opts.Schema.For<SubjectKey>();
        opts.Schema.For<SealedRecord>().Duplicate(x => x.SubjectId);
    }
}
