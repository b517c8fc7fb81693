using System.Net;
using Sora.Integration.Tests.Support;
using Wolverine;
using Wolverine.Runtime;
using Xunit;

namespace Sora.Integration.Tests.Operations;

/// <summary>--role worker: the same binary without the API surface, consuming the render queue.</summary>
[Collection("app")]
public sealed class RoleTests(AppFixture fixture)
{
    [Fact]
    public async Task A_worker_serves_health_only_and_listens_on_the_render_queue()
    {
        await using var worker = await RunningHost.StartAsync("sora_it", fixture.Issuer, role: "worker");

        using var ready = await worker.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.DoesNotContain("notifications", await ready.Content.ReadAsStringAsync());
        using var graphql = await worker.Http.PostAsync("/graphql", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, graphql.StatusCode);

        var runtime = (IWolverineRuntime)worker.Services.GetService(typeof(IWolverineRuntime))!;
        Assert.Contains(runtime.Endpoints.ActiveListeners(), l => l.Uri.ToString().Contains(Sora.Render.Dispatch.RenderQueue.Name));
    }

    [Fact]
    public async Task An_api_node_does_not_consume_the_render_queue()
    {
        await using var api = await RunningHost.StartAsync("sora_it", fixture.Issuer, role: "api");
        var runtime = (IWolverineRuntime)api.Services.GetService(typeof(IWolverineRuntime))!;
        Assert.DoesNotContain(runtime.Endpoints.ActiveListeners(), l => l.Uri.ToString().Contains(Sora.Render.Dispatch.RenderQueue.Name));
        using var live = await api.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
