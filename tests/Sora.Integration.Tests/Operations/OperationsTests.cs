using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sora.Render.Dispatch;
using Sora.Integration.Tests.Support;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Sora.Integration.Tests.Operations;

public sealed class OperationsTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Live_and_ready_report_their_checks()
    {
        using var live = await Host.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        using var ready = await Host.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        foreach (var name in new[] { "database", "projections", "notifications" })
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_render_queue_round_trips_through_the_postgresql_transport()
    {
        var probe = new RenderQueueProbe(Guid.NewGuid());
        var tracked = await Host.App.TrackActivity()
            .IncludeExternalTransports()
            .Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(bus => bus.SendAsync(probe).AsTask()));

        var received = Assert.Single(tracked.Received.MessagesOf<RenderQueueProbe>());
        Assert.Equal(probe.Id, received.Id);
        var envelope = tracked.Received.SingleEnvelope<RenderQueueProbe>();
        Assert.Contains(RenderQueue.Name, envelope.Destination!.ToString());
    }
}
