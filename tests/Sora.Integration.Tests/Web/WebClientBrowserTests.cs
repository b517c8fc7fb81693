using System.Text.Json;
using Marten;
using Sora.Domain.Cameos;
using Sora.Domain.Feed;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Web;

/// <summary>
/// The reference web client in a real browser (Debian's Chromium through playwright-core), against the real host
/// with its in-process render worker: the consent story end to end, as people would live it, with screenshots
/// of each screen left in the artifacts directory.
/// </summary>
public sealed class WebClientBrowserTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string[] Story =
        ["signed-up", "cameo-verified", "signed-up", "granted", "rendered", "published", "usage-listed", "in-feed", "revoked", "removed-from-feed", "screens", "done"];

    [Fact]
    public async Task A_cameo_granted_used_published_and_revoked_leaves_the_open_feed_without_a_reload()
    {
        var app = Environment.GetEnvironmentVariable("SORA_WEB_APP");
        Assert.True(app is not null && File.Exists(Path.Combine(app, "index.html")), "SORA_WEB_APP names no built web client: run the tests through ./sora test.");
        var shots = Path.Combine(TestSettings.ArtifactsDirectory, "web");
        if (Directory.Exists(shots)) Directory.Delete(shots, recursive: true);

        await using var node = NodeScript.Start("web-client-e2e.mjs", Host.BaseAddress.ToString().TrimEnd('/'),
            CameoSeeds.Fixture("cameo/valid-a.mp4"), shots, TestSettings.AdminHandle);
        var steps = new List<JsonElement>();
        // Verification and the render are the slow steps; each has its own deadline in the script.
        for (var line = await node.NextAsync(TimeSpan.FromMinutes(5)); ; line = await node.NextAsync(TimeSpan.FromMinutes(5)))
        {
            steps.Add(line);
            var step = line.GetProperty("step").GetString();
            Assert.True(step != "error", $"the browser run failed after {string.Join(", ", steps.Select(s => s.GetProperty("step").GetString()))}: {line}");
            if (step == "done") break;
        }
        Assert.Equal(0, await node.ExitCodeAsync());
        Assert.Equal(Story, steps.Select(s => s.GetProperty("step").GetString()).ToArray());

        var rendered = steps.Single(s => s.GetProperty("step").GetString() == "rendered");
        Assert.Equal("READY", rendered.GetProperty("state").GetString());
        // The page followed the render live: it showed at least one state before READY.
        Assert.Contains(rendered.GetProperty("states").EnumerateArray().Select(s => s.GetString()), s => s is "QUEUED" or "RENDERING" or "ENCODING");
        Assert.Equal(0, steps.Single(s => s.GetProperty("step").GetString() == "removed-from-feed").GetProperty("reloads").GetInt32());
        var screens = steps.Single(s => s.GetProperty("step").GetString() == "screens");
        Assert.Empty(screens.GetProperty("errors").EnumerateArray());
        // Every control on every screen photographed has an accessible name (a label, text or aria-label).
        Assert.Empty(screens.GetProperty("unlabelled").EnumerateArray().Select(e => e.GetString()));

        // What the pages showed is what the server holds: the video left public view and the use is withdrawn.
        var published = steps.Single(s => s.GetProperty("step").GetString() == "published");
        var videoId = Guid.Parse(published.GetProperty("videoId").GetString()!);
        await using var session = Host.Store.QuerySession();
        Assert.Null(await session.LoadAsync<FeedVideo>(videoId));
        var use = Assert.Single(await session.Query<CameoUsage>().ToListAsync());
        Assert.Equal(CameoUsageStatus.Withdrawn, use.Status);

        foreach (var screen in new[] { "sign-in", "cameo-record", "cameo-consent", "create", "ready", "usages", "feed", "comments", "why-this-video", "feed-after-revoke", "provenance", "my-videos", "messages", "family", "moderation", "audit", "search" })
            Assert.True(new FileInfo(Path.Combine(shots, $"{screen}.png")) is { Exists: true, Length: > 2000 }, $"no screenshot of {screen}");
    }
}
