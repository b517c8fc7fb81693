using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Feed;
using Sora.Integration.Tests.Support;
using Sora.Projections.Feed;
using Xunit;

namespace Sora.Integration.Tests.Feed;

/// <summary>What the feed keeps per viewer stays bounded however much they watch: the newest 3,000 seen videos, and
/// the 300 strongest author affinities.</summary>
public sealed class ViewerProfileBoundsTests(AppFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>Views in batches of at most ViewIngest.MaxBatch, one after another, oldest first, as they arrive.</summary>
    private async Task WriteAsync(IEnumerable<VideoViewed> views)
    {
        foreach (var chunk in views.Chunk(ViewIngest.MaxBatch))
            await Host.App.Services.GetRequiredService<ViewIngest>().WriteAsync(chunk, CancellationToken.None);
    }

    [Fact]
    public async Task The_seen_set_keeps_the_newest_views_of_a_heavy_viewer()
    {
        var viewer = await Api.SignUpAsync("heavy");
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var watched = Enumerable.Range(0, SeenVideos.Keep + SeenVideos.TrimSlack + 100).Select(_ => Guid.CreateVersion7()).ToList();
        await WriteAsync(watched.Select((video, i) => new VideoViewed(viewer.Id, video, 1_000, 10_000, false, null, start.AddSeconds(i))));

        await using var query = Host.Store.QuerySession();
        var seen = await SeenVideos.ListAsync(query, viewer.Id);
        Assert.Equal(watched.TakeLast(SeenVideos.Keep).Reverse(), seen);
        var profile = await ViewerTail.CurrentAsync(query, viewer.Id);
        Assert.Equal(SeenVideos.Keep, profile!.SeenSinceTrim); // trimmed by the batch that passed the slack

        // Watching an old one again brings it back to the front.
        await WriteAsync([new VideoViewed(viewer.Id, watched[0], 1_000, 10_000, false, null, DateTimeOffset.UtcNow)]);
        Assert.Equal(watched[0], (await SeenVideos.ListAsync(query, viewer.Id))[0]);
    }

    [Fact]
    public async Task Author_affinity_keeps_the_strongest_authors_and_drops_the_weakest()
    {
        var viewer = await Api.SignUpAsync("wide");
        const int pruneAbove = ViewerProfile.MaxAffinityAuthors * 6 / 5, authors = pruneAbove + 20;
        var videos = new List<(Guid Video, Guid Author)>();
        for (var i = 0; i < authors; i++)
        {
            var author = new TestAccount(Guid.CreateVersion7(), $"creator{i}", "");
            videos.Add((await Host.PublishedVideoAsync(author, $"a paper boat on a puddle, take {i}"), author.Id));
        }
        var now = DateTimeOffset.UtcNow;
        // The first 20 creators are watched through (strength 1.0), every other one just past half (0.3).
        var views = videos.Select((v, i) => i < 20
            ? new VideoViewed(viewer.Id, v.Video, 10_000, 10_000, true, null, now)
            : new VideoViewed(viewer.Id, v.Video, 6_000, 10_000, false, null, now)).ToList();
        await WriteAsync(views);

        await using var query = Host.Store.QuerySession();
        var profile = await ViewerTail.CurrentAsync(query, viewer.Id);
        // Pruned to the strongest 300 when author 361 came (the 20 strong ones, then the lowest ids among the equal
        // rest), then the last 19 were added.
        Assert.Equal(ViewerProfile.MaxAffinityAuthors + authors - pruneAbove - 1, profile!.Affinity.Count);
        Assert.All(videos.Take(20), v => Assert.Equal(1.0, profile.Affinity[v.Author], 3));
        Assert.All(videos.TakeLast(authors - pruneAbove - 1), v => Assert.Equal(0.3, profile.Affinity[v.Author], 3));
        Assert.DoesNotContain(videos[pruneAbove].Author, profile.Affinity.Keys);
        Assert.Equal(authors, profile.Signals); // pruning forgets authors, never what was learned
    }
}
