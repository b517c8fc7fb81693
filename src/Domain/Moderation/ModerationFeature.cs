using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

public sealed class ModerationFeature : IStoreFeature, IUserErrorFeature
{
    public IEnumerable<string> UserErrorCodes => [FileReportDecider.RateLimited, CaseActions.NotActionable, AppealActionDecider.AlreadyAppealed];

    public void Configure(StoreOptions opts)
    {
        ModerationEventTypes.Register(opts);
        CaseViewEventTypes.Register(opts);
        // Inline: actions decide on the case as it stands, and a repeated report or the hourly limit on the records.
        opts.Projections.Snapshot<ModerationCase>(SnapshotLifecycle.Inline);
        opts.Projections.Add<ModerationRecordsProjection>(ProjectionLifecycle.Inline);
        // The queue: open cases by class, count and age.
        opts.Schema.For<ModerationCase>().Duplicate(c => c.Status).Duplicate(c => c.PriorityClass).Duplicate(c => c.ReportCount)
            .Duplicate(c => c.OpenedAt).Duplicate(c => c.DueAt).Duplicate(c => c.Target).Duplicate(c => c.AppealPending);
        opts.Schema.For<ReportRecord>().Duplicate(r => r.ReporterId).Duplicate(r => r.At).Duplicate(r => r.Seq);
        opts.Schema.For<ModerationActionRecord>().Duplicate(a => a.Seq);
        opts.Schema.For<TakedownRecord>().Duplicate(t => t.TokenSha256);
    }
}
