using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sora.GraphQL.Operations;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Operations;

/// <summary>
/// The host serves the built web client at "/", with its security headers, and moves the endpoint list to /api. The
/// build is the real one under ./sora test (SORA_WEB_APP) and a stand-in of the same shape otherwise (RunningHost).
/// </summary>
public sealed class WebAppTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_app_is_served_at_the_root_without_shadowing_the_api()
    {
        using var page = await Host.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<div id=\"app\">", html);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());

        // The hashed bundle index.html names is cached for good.
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        using var asset = await Host.Http.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString());
        using var missing = await Host.Http.GetAsync("/assets/nothing-here.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var api = await Host.Http.GetAsync("/api");
        var endpoints = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("/graphql", "/"), (endpoints.GetProperty("graphql").GetString(), endpoints.GetProperty("app").GetString()));
        using var graphql = await Host.Http.GetAsync("/graphql?query=%7B__typename%7D");
        Assert.Equal(HttpStatusCode.OK, graphql.StatusCode);
        Assert.Contains("Query", await graphql.Content.ReadAsStringAsync());
        // The app's policy is its own: GraphiQL's page (built or not) and the API answer without it.
        using var graphiql = await Host.Http.GetAsync("/graphiql");
        Assert.False(graphiql.Headers.Contains("Content-Security-Policy"));
        Assert.False(graphql.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Without_a_build_the_root_lists_the_endpoints_and_says_how_to_build_the_app()
    {
        // A bare web host: only what MapWebApp maps, pointed at a directory with no index.html.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapWebApp(Path.Combine(Path.GetTempPath(), $"sora-no-web-app-{Guid.NewGuid():N}"), new Dictionary<string, string> { ["graphql"] = "/graphql" });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        using var root = await http.GetAsync("/");
        Assert.Equal("application/json", root.Content.Headers.ContentType?.MediaType);
        var listing = JsonDocument.Parse(await root.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("/graphql", listing.GetProperty("graphql").GetString());
        Assert.Contains("./sora web", listing.GetProperty("hint").GetString());
        using var api = await http.GetAsync("/api");
        Assert.Equal("/graphql", JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("graphql").GetString());
        await app.StopAsync();
    }
}
