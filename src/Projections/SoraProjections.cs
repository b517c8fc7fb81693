using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Social;
using Sora.Projections.Cameos;
using Sora.Projections.Notifications;
using Sora.Projections.Social;

namespace Sora.Projections;

/// <summary>Every projection and read-model index, in one place so the host and the tools agree.</summary>
public static class SoraProjections
{
    public static void Register(StoreOptions opts)
    {
        // Inline: anything a command or an authorization check must read in the same transaction.
        opts.Projections.Snapshot<Account>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Relationship>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Cameo>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Domain.Generation.Generation>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Domain.Credits.CreditLedger>(SnapshotLifecycle.Inline);
        opts.Projections.Add<SocialGraphProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<CameoUsageProjection>(ProjectionLifecycle.Inline);

        // Async: counters and other views no decision depends on.
        opts.Projections.Add<AccountStatsProjection>(ProjectionLifecycle.Async);

        // Not unique: HandleClaim documents guard uniqueness in the sign-up transaction; a second unique index
        // here would only turn the race's loser into an untyped error.
        opts.Schema.For<Account>().Index(a => a.Handle);
        opts.Schema.For<Cameo>().Duplicate(c => c.OwnerId);
        opts.Schema.For<CameoUsage>().Duplicate(u => u.CameoId).Duplicate(u => u.GrantId).Duplicate(u => u.RequesterId)
            .Duplicate(u => u.RightKind);
        // Queue depth and position, the creator's list, remix lineage, and "which generations show this cameo".
        opts.Schema.For<Domain.Generation.Generation>().Duplicate(g => g.RequesterId).Duplicate(g => g.Stage).Duplicate(g => g.RemixOf)
            .Duplicate(g => g.RequestedAt).GinIndexJsonData();
        opts.Schema.For<FollowEdge>().Duplicate(x => x.FolloweeId).Duplicate(x => x.FollowerId).Duplicate(x => x.Seq);
        opts.Schema.For<BlockEdge>().Duplicate(x => x.BlockerId).Duplicate(x => x.BlockedId).Duplicate(x => x.Seq);

        opts.Listeners.Add(new NotifyOnCommit());
    }
}
