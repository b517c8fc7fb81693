using Sora.Domain.Cameos;
using Sora.Domain.Credits;
using Sora.Domain.Generations;
using Xunit;
using static Sora.Domain.Tests.Generations.GenerationHistory;

namespace Sora.Domain.Tests.Generations;

/// <summary>A finished render becomes a ready draft with one rendered use per cameo, unless a use lapsed meanwhile.</summary>
public sealed class FinishRenderDeciderTests
{
    private static FinishRender Finish(GenerationHistory history) =>
        new(history.Id, "sha-v", 987_654, "sha-p", 12_345, "sha-m", "builtin-physics", "cuda");

    [Theory]
    [InlineData(Life.Queued)]
    [InlineData(Life.Draft)]
    [InlineData(Life.Published)]
    [InlineData(Life.Failed)]
    [InlineData(Life.Cancelled)]
    [InlineData(Life.BlockedInProgress)]
    [InlineData(Life.BlockedAfterRender)]
    public void A_generation_not_rendering_is_left_alone_whatever_the_consent(Life life)
    {
        var history = new GenerationHistory();
        foreach (var standing in Enum.GetValues<ConsentStanding>())
        {
            var decision = FinishRenderDecider.Decide(Finish(history), history.At(life), history.Consent(standing), Now);
            Assert.Null(decision.Refusal);
            Assert.Empty(decision.Events);
        }
        Assert.Empty(FinishRenderDecider.Decide(Finish(history), null, ConsentCheck.AllStanding, Now).Events);
    }

    [Fact]
    public void A_use_lapsed_meanwhile_blocks_the_video_and_refunds_it_instead()
    {
        var history = new GenerationHistory(fromQuota: 0, fromBalance: 8);
        var lapsed = history.Cameos[1];
        var decision = FinishRenderDecider.Decide(Finish(history), history.At(Life.Rendering), history.LapsedOn(lapsed), Now);
        Assert.Equal(
            [
                new GenerationBlocked(history.Id, history.Requester, GenerationConsent.ConsentLapsed, lapsed.CameoId, Now),
                new CreditsRefunded(history.Requester, history.Id, 0, 8, QuotaDay, Now),
            ],
            decision.Events);
        Assert.DoesNotContain(decision.Events, e => e is CameoUseRendered or GenerationRendered);
    }

    [Theory]
    [InlineData(VideoAspect.Portrait9x16, VideoResolution.Hd720, 10, 720, 1280)]
    [InlineData(VideoAspect.Landscape16x9, VideoResolution.Fhd1080, 15, 1920, 1080)]
    [InlineData(VideoAspect.Square1x1, VideoResolution.Sd480, 5, 480, 480)]
    [InlineData(VideoAspect.Portrait9x16, VideoResolution.Sd480, 5, 480, 854)]
    public void Each_cameo_records_its_rendered_use_then_the_draft_carries_the_format_size_and_the_commands_media(
        VideoAspect aspect, VideoResolution resolution, int duration, int width, int height)
    {
        var history = new GenerationHistory(aspect: aspect, resolution: resolution, durationSeconds: duration);
        Assert.Equal((width, height), GenerationFormat.Size(aspect, resolution));
        var decision = FinishRenderDecider.Decide(Finish(history), history.At(Life.Rendering), ConsentCheck.AllStanding, Now);
        Assert.Null(decision.Refusal);
        Assert.Equal(
            [
                new CameoUseRendered(history.Cameos[0].CameoId, history.Cameos[0].UseId, history.Id, Now),
                new CameoUseRendered(history.Cameos[1].CameoId, history.Cameos[1].UseId, history.Id, Now),
                new GenerationRendered(history.Id, history.Requester, "sha-v", "sha-p", width, height, duration, 987_654, "sha-m",
                    "builtin-physics", "cuda", Now),
            ],
            decision.Events);

        var ready = Apply(history.At(Life.Rendering), decision.Events);
        Assert.Equal((GenerationStage.Ready, Publication.Draft, "sha-v", "sha-p", width, height, (double)duration, "sha-m", Now),
            (ready.Stage, ready.Publication, ready.VideoMediaId, ready.PosterMediaId, ready.Width, ready.Height, ready.RenderedSeconds,
                ready.ManifestSha256, ready.ReadyAt));
        Assert.False(ready.Refunded);
    }

    [Fact]
    public void Uses_awaiting_approval_still_render_to_a_draft_and_a_generation_without_cameos_records_only_the_render()
    {
        var history = new GenerationHistory();
        var awaiting = FinishRenderDecider.Decide(Finish(history), history.At(Life.Rendering), history.AwaitingApproval, Now);
        Assert.Equal([typeof(CameoUseRendered), typeof(CameoUseRendered), typeof(GenerationRendered)], awaiting.Events.Select(e => e.GetType()));

        var plain = new GenerationHistory(cameos: []);
        var rendered = Assert.IsType<GenerationRendered>(Assert.Single(
            FinishRenderDecider.Decide(Finish(plain), plain.At(Life.Rendering), ConsentCheck.AllStanding, Now).Events));
        Assert.Equal((plain.Id, 987_654L), (rendered.GenerationId, rendered.Bytes));
    }
}
