using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

public sealed class ModerationFeature : IStoreFeature, IUserErrorFeature, IWorkerFeature
{
    public IEnumerable<string> UserErrorCodes =>
    [
        FileReportDecider.RateLimited, CaseActions.NotActionable, AppealActionDecider.AlreadyAppealed, FileCounterNoticeDecider.NoTakedown,
        PromptPolicy.PromptNotAllowed, LikenessOptOuts.OptedOut, .. Staydown.UserErrorCodes,
    ];

    /// <summary>Staydown fingerprints, and opt-out recordings (verified by the same workers, on the same queue, as cameo recordings).</summary>
    public IEnumerable<WorkerJob> Jobs => [.. Staydown.Jobs, new(typeof(VerifyOptOutRecording), Cameos.CameosFeature.VerificationQueue)];

    public void Configure(StoreOptions opts)
    {
        ModerationEventTypes.Register(opts);
        AccountActionEventTypes.Register(opts);
        PromptReviews.Register(opts);
        Staydown.Register(opts);
        LikenessDisputes.Register(opts);
        LikenessOptOuts.Register(opts);
        CaseViewEventTypes.Register(opts);
        // Inline: actions decide on the case as it stands, and a repeated report or the hourly limit on the records.
        opts.Projections.Snapshot<ModerationCase>(SnapshotLifecycle.Inline);
        opts.Projections.Add<ModerationRecordsProjection>(ProjectionLifecycle.Inline);
        // Inline: authentication reads the standing on every request, so a suspension holds from its own transaction.
        opts.Projections.Add<AccountStandingProjection>(ProjectionLifecycle.Inline);
        // The queue: open cases by class, count and age.
        opts.Schema.For<ModerationCase>().Duplicate(c => c.Status).Duplicate(c => c.PriorityClass).Duplicate(c => c.ReportCount)
            .Duplicate(c => c.OpenedAt).Duplicate(c => c.DueAt).Duplicate(c => c.Target).Duplicate(c => c.AppealPending);
        opts.Schema.For<ReportRecord>().Duplicate(r => r.ReporterId).Duplicate(r => r.At).Duplicate(r => r.Seq);
        opts.Schema.For<ModerationActionRecord>().Duplicate(a => a.Seq);
        opts.Schema.For<TakedownRecord>().Duplicate(t => t.TokenSha256);
    }
}
