using Sora.Domain.Credits;
using Sora.Domain.Generations;
using Xunit;
using static Sora.Domain.Tests.Generations.GenerationHistory;

namespace Sora.Domain.Tests.Generations;

/// <summary>After a cameo's consent changed: lapsed uses block (refunded if unfinished), approved pending videos publish.</summary>
public sealed class ReviewCameoGenerationsDeciderTests
{
    public static TheoryData<Life, ConsentStanding> Ended()
    {
        var data = new TheoryData<Life, ConsentStanding>();
        foreach (var life in new[] { Life.Failed, Life.Cancelled, Life.BlockedInProgress, Life.BlockedAfterRender })
        foreach (var standing in Enum.GetValues<ConsentStanding>())
            data.Add(life, standing);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ended))]
    public void A_blocked_failed_or_cancelled_generation_gets_nothing_whatever_the_consent(Life life, ConsentStanding standing)
    {
        var history = new GenerationHistory();
        var decision = ReviewCameoGenerationsDecider.Decide(history.At(life), history.Consent(standing), Now);
        Assert.Null(decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(Life.Queued)]
    [InlineData(Life.Rendering)]
    public void A_lapsed_use_blocks_an_unfinished_generation_naming_the_cameo_and_refunds_it(Life life)
    {
        var history = new GenerationHistory(fromQuota: 1, fromBalance: 6);
        var lapsed = history.Cameos[1];
        var decision = ReviewCameoGenerationsDecider.Decide(history.At(life), history.LapsedOn(lapsed), Now);
        Assert.Null(decision.Refusal);
        Assert.Equal(
            [
                new GenerationBlocked(history.Id, history.Requester, GenerationConsent.ConsentLapsed, lapsed.CameoId, Now),
                new CreditsRefunded(history.Requester, history.Id, 1, 6, QuotaDay, Now),
            ],
            decision.Events);
        var blocked = Apply(history.At(life), decision.Events);
        Assert.Equal((GenerationStage.Blocked, true), (blocked.Stage, blocked.Refunded));
    }

    [Theory]
    [InlineData(Life.Draft)]
    [InlineData(Life.PendingApproval)]
    [InlineData(Life.Published)]
    [InlineData(Life.Withdrawn)]
    public void A_lapsed_use_blocks_a_finished_video_without_a_refund(Life life)
    {
        var history = new GenerationHistory();
        var lapsed = history.Cameos[0];
        var decision = ReviewCameoGenerationsDecider.Decide(history.At(life), history.LapsedOn(lapsed), Now);
        Assert.Equal([new GenerationBlocked(history.Id, history.Requester, GenerationConsent.ConsentLapsed, lapsed.CameoId, Now)], decision.Events);
        var blocked = Apply(history.At(life), decision.Events);
        Assert.Equal((GenerationStage.Blocked, false), (blocked.Stage, blocked.Refunded));
    }

    [Fact]
    public void A_pending_video_whose_uses_now_all_stand_is_published_in_its_requesters_name()
    {
        var history = new GenerationHistory();
        var decision = ReviewCameoGenerationsDecider.Decide(history.At(Life.PendingApproval), ConsentCheck.AllStanding, Now);
        Assert.Equal([new VideoPublished(history.Id, history.Requester, Now)], decision.Events);
        var published = Apply(history.At(Life.PendingApproval), decision.Events);
        Assert.Equal((Publication.Published, Now), (published.Publication, published.PublishedAt));
        Assert.Empty(published.AwaitingUses);
    }

    [Theory]
    [InlineData(Life.Queued, ConsentStanding.Standing)]
    [InlineData(Life.Rendering, ConsentStanding.Standing)]
    [InlineData(Life.Draft, ConsentStanding.Standing)]
    [InlineData(Life.Published, ConsentStanding.Standing)]
    [InlineData(Life.Withdrawn, ConsentStanding.Standing)]
    [InlineData(Life.Queued, ConsentStanding.AwaitingApproval)]
    [InlineData(Life.Rendering, ConsentStanding.AwaitingApproval)]
    [InlineData(Life.Draft, ConsentStanding.AwaitingApproval)]
    [InlineData(Life.PendingApproval, ConsentStanding.AwaitingApproval)]
    public void Otherwise_nothing_changes(Life life, ConsentStanding standing)
    {
        var history = new GenerationHistory();
        var decision = ReviewCameoGenerationsDecider.Decide(history.At(life), history.Consent(standing), Now);
        Assert.Null(decision.Refusal);
        Assert.Empty(decision.Events);
    }
}
