using Sora.Domain.Generations;
using Xunit;

namespace Sora.Domain.Tests.Generations;

/// <summary>The states the lifecycle tests start from are what the events fold to (Generation.Create and Apply).</summary>
public sealed class GenerationFoldTests
{
    [Theory]
    [InlineData(Life.Queued, GenerationStage.Queued, Publication.None, false, 0)]
    [InlineData(Life.Rendering, GenerationStage.Rendering, Publication.None, false, 1)]
    [InlineData(Life.Draft, GenerationStage.Ready, Publication.Draft, false, 1)]
    [InlineData(Life.PendingApproval, GenerationStage.Ready, Publication.PendingApproval, false, 1)]
    [InlineData(Life.Published, GenerationStage.Ready, Publication.Published, false, 1)]
    [InlineData(Life.Withdrawn, GenerationStage.Ready, Publication.Withdrawn, false, 1)]
    [InlineData(Life.Failed, GenerationStage.Failed, Publication.None, true, 1)]
    [InlineData(Life.Cancelled, GenerationStage.Cancelled, Publication.None, true, 0)]
    [InlineData(Life.BlockedInProgress, GenerationStage.Blocked, Publication.None, true, 1)]
    [InlineData(Life.BlockedAfterRender, GenerationStage.Blocked, Publication.Draft, false, 1)]
    public void Each_life_folds_to_its_stage_publication_and_refund(Life life, GenerationStage stage, Publication publication, bool refunded, int attempts)
    {
        var generation = new GenerationHistory().At(life);
        Assert.Equal((stage, publication, refunded, attempts), (generation.Stage, generation.Publication, generation.Refunded, generation.Attempts));
        Assert.Equal(life is Life.Queued or Life.Rendering, generation.InProgress);
    }

    [Fact]
    public void The_request_folds_into_the_price_split_and_the_cameos_it_shows()
    {
        var history = new GenerationHistory(fromQuota: 3, fromBalance: 4);
        var generation = history.At(Life.Queued);
        Assert.Equal((history.Id, history.Requester, 7, 3, 4, GenerationHistory.QuotaDay),
            (generation.Id, generation.RequesterId, generation.Price, generation.FromQuota, generation.FromBalance, generation.QuotaDay));
        Assert.Equal(history.Cameos.Select(c => c.CameoId), generation.CameoIds);
        Assert.Equal(history.Cameos.Select(c => c.UseId), history.At(Life.PendingApproval).AwaitingUses);
        Assert.Empty(history.At(Life.Published).AwaitingUses);
    }
}
