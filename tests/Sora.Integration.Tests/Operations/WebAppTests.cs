using System.Net;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Operations;

/// <summary>The host serves the built web client at "/", with its security headers, and moves the endpoint list to /api.</summary>
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
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());

        // The hashed bundle index.html names is cached for good.
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        using var asset = await Host.Http.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString());

        using var api = await Host.Http.GetAsync("/api");
        Assert.Contains("\"graphql\":\"/graphql\"", await api.Content.ReadAsStringAsync());
        using var graphql = await Host.Http.GetAsync("/graphql?query=%7B__typename%7D");
        Assert.Equal(HttpStatusCode.OK, graphql.StatusCode);
        Assert.Contains("Query", await graphql.Content.ReadAsStringAsync());
        using var missing = await Host.Http.GetAsync("/assets/nothing-here.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
