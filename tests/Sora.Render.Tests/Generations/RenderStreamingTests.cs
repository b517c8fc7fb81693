using Sora.Render.Generations;
using Sora.Render.Media;
using Xunit;

namespace Sora.Render.Tests.Generations;

/// <summary>
/// The streamed pipeline: the model, compositor and encoder run at once, so a failure in one must stop the others
/// with its own error, and the render must say where its time went.
/// </summary>
[Collection("render")]
public sealed class RenderStreamingTests(RenderFixture fixture)
{
    [Fact]
    public async Task A_render_reports_where_its_time_went()
    {
        var output = await fixture.RenderAsync(RenderSupport.Job("a red ball bouncing in a gym") with
        {
            Dialogue = ["one more time"], CameoFaces = [Face()],
        });
        var t = output.Timings;
        Assert.All(new[] { t.ModelMs, t.CompositingMs, t.SoundMs, t.EncodingMs }, ms => Assert.InRange(ms, 1, t.TotalMs));
        Assert.InRange(t.EncoderWaitMs, 0, t.EncodingMs);
        Assert.InRange(t.SigningMs, 0, t.TotalMs);
        // Storing is the worker's, after the render.
        Assert.Equal(0, t.StoringMs);
    }

    [Fact]
    public async Task A_checkpoint_that_stops_the_render_mid_stream_is_the_error_the_render_throws_and_no_file_is_left()
    {
        var job = RenderSupport.Job("a kite over the sea");
        var checks = 0;
        var thrown = await Assert.ThrowsAsync<RenderAbandoned>(() => fixture.Renderer.RenderAsync(job, _ => Task.CompletedTask, () =>
            ++checks == 6 ? throw new RenderAbandoned("Consent lapsed during the render.", "CONSENT_LAPSED") : Task.CompletedTask,
            CancellationToken.None));
        Assert.Equal("CONSENT_LAPSED", thrown.Code);
        Assert.Equal(6, checks);
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"sora-render-{job.GenerationId:N}-*"));
    }

    [Fact]
    public async Task A_failing_progress_report_fails_the_render_with_its_error_not_a_cancellation()
    {
        var job = RenderSupport.Job("a lighthouse at night");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Renderer.RenderAsync(job,
            p => p.Percent >= 40 ? throw new InvalidOperationException("progress store down") : Task.CompletedTask,
            () => Task.CompletedTask, CancellationToken.None));
        Assert.Equal("progress store down", failure.Message);
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"sora-render-{job.GenerationId:N}-*"));
    }

    [Fact]
    public async Task A_render_cancelled_from_outside_ends_as_cancelled_and_leaves_no_file()
    {
        var job = RenderSupport.Job("waves at dusk");
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Renderer.RenderAsync(job,
            p =>
            {
                if (p.Percent >= 30) cancel.Cancel();
                return Task.CompletedTask;
            }, () => Task.CompletedTask, cancel.Token));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"sora-render-{job.GenerationId:N}-*"));
    }

    private static RgbImage Face()
    {
        var pixels = new byte[64 * 64 * 3];
        for (var i = 0; i < pixels.Length; i += 3) (pixels[i], pixels[i + 1], pixels[i + 2]) = (220, 180, 150);
        return new RgbImage(64, 64, pixels);
    }
}
