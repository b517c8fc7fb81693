using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

public sealed class CameosFeature : IStoreFeature, IWorkerFeature, IUserErrorFeature
{
    public IEnumerable<string> UserErrorCodes => [RecordCameoUseDecider.ConsentRequired, RecordCameoUseDecider.ConsentRestricted];


    /// <summary>Cameo recordings wait here for a worker (Render's VerifyCameoRecordingHandler).</summary>
    public const string VerificationQueue = "verification";

    public IEnumerable<WorkerJob> Jobs => [new(typeof(VerifyCameoRecording), VerificationQueue)];

    public void Configure(StoreOptions opts)
    {
        CameoEventTypes.Register(opts);
        ConsentEventTypes.Register(opts);
        opts.Projections.Snapshot<Cameo>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<LikenessDispute>(SnapshotLifecycle.Inline);
        // Inline: the revoking transaction withdraws the uses that depended on the right (and their remix descendants).
        opts.Projections.Add<CameoUsageProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<Cameo>().Duplicate(c => c.OwnerId).Duplicate(c => c.LikenessInForce).Duplicate(c => c.LikenessVersion);
        opts.Schema.For<LikenessDispute>().Duplicate(d => d.OpenedAt);
        opts.Schema.For<CameoUsage>().Duplicate(u => u.CameoId).Duplicate(u => u.GrantId).Duplicate(u => u.RequesterId)
            .Duplicate(u => u.RightKind).Duplicate(u => u.ParentUseId);
    }
}
