using Sora.Domain.Notifications;
using Sora.Domain.Cameos;
using Sora.Domain.Generations;
using Sora.Domain.Social;
using Sora.Projections.Notifications;
using Xunit;

namespace Sora.Domain.Tests.Notifications;

/// <summary>Given a committed event, then these notifications to these accounts (or none).</summary>
public sealed class NotificationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Requester = Guid.NewGuid();
    private static readonly Guid CameoId = Guid.NewGuid();
    private static readonly Guid GenerationId = Guid.NewGuid();

    private static CameoUseAuthorized Use(Guid requester, bool pending) =>
        new(CameoId, Owner, Guid.NewGuid(), requester, ConsentRightKind.Audience, null, CameoAudience.Everyone, 1, 0, "d", pending,
            ConsentReceipts.Genesis, "h", Now);

    [Fact]
    public void A_follow_notifies_the_followed_account_naming_the_follower()
    {
        var n = Assert.Single(NotificationRules.For(new Followed(Requester, Owner, Now), 42));
        Assert.Equal(new UserNotification(Owner, NotificationKind.NewFollower, Requester, Now, 42), n);
        Assert.False(n.IsCameoActivity);
    }

    [Fact]
    public void Someone_elses_use_notifies_the_owner_and_a_pending_one_asks_for_approval()
    {
        var used = Use(Requester, pending: false);
        var n = Assert.Single(NotificationRules.For(used, 7));
        Assert.Equal((Owner, NotificationKind.CameoUsed, Requester, CameoId, used.UseId, 7L), (n.RecipientId, n.Kind, n.ActorId, n.CameoId, n.UseId, n.Sequence));
        Assert.True(n.IsCameoActivity);

        var pending = Use(Requester, pending: true);
        Assert.Equal(NotificationKind.CameoApprovalRequested, Assert.Single(NotificationRules.For(pending, 8)).Kind);
    }

    [Fact]
    public void The_owners_own_use_notifies_nobody() =>
        Assert.Empty(NotificationRules.For(Use(Owner, pending: false), 1));

    [Fact]
    public void A_removed_use_notifies_the_one_who_removed_it()
    {
        var useId = Guid.NewGuid();
        var n = Assert.Single(NotificationRules.For(new CameoUseRemoved(CameoId, useId, Owner, Now), 3));
        Assert.Equal((Owner, NotificationKind.CameoUseRemoved, CameoId, useId), (n.RecipientId, n.Kind, n.CameoId, n.UseId));
    }

    public static TheoryData<object, GenerationState, int?, string?> GenerationEvents() => new()
    {
        { new GenerationRequested(GenerationId, Requester, "r", "p", 5, VideoAspect.Square1x1, VideoResolution.Sd480, 1, null, null, [], 1, 1, 0,
            DateOnly.FromDateTime(Now.UtcDateTime), "c", Now), GenerationState.Queued, null, null },
        { new RenderStarted(GenerationId, Requester, 1, "w", Now), GenerationState.Rendering, 0, null },
        { new GenerationRendered(GenerationId, Requester, "v", "p", 480, 480, 5, 100, "m", "model", "cpu", Now), GenerationState.Ready, 100, null },
        { new GenerationFailed(GenerationId, Requester, "RENDER_TIMEOUT", "detail", Now), GenerationState.Failed, null, "RENDER_TIMEOUT" },
        { new GenerationCancelled(GenerationId, Requester, Requester, Now), GenerationState.Cancelled, null, "CANCELLED" },
        { new GenerationBlocked(GenerationId, Requester, "CONSENT_REVOKED", CameoId, Now), GenerationState.Blocked, null, "CONSENT_REVOKED" },
    };

    [Theory]
    [MemberData(nameof(GenerationEvents))]
    public void Every_generation_step_notifies_its_requester_only(object e, GenerationState state, int? percent, string? reason)
    {
        var n = Assert.Single(NotificationRules.For(e, 9));
        Assert.Equal(new UserNotification(Requester, NotificationKind.GenerationUpdated, Requester, Now, 9,
            GenerationId: GenerationId, State: state, Percent: percent, Reason: reason), n);
    }

    [Fact]
    public void Events_nobody_hears_about_notify_nobody()
    {
        Assert.Empty(NotificationRules.For(new Unfollowed(Requester, Owner, Now), 1));
        Assert.Empty(NotificationRules.For(new Blocked(Requester, Owner, Now), 1));
        Assert.Empty(NotificationRules.For(new VideoPublished(GenerationId, Requester, Now), 1));
        Assert.Empty(NotificationRules.For(new CameoUseApproved(CameoId, Guid.NewGuid(), Owner, Now), 1));
        Assert.Empty(NotificationRules.For("not an event", 1));
    }
}
