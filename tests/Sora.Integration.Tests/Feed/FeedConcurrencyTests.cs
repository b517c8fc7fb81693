using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Feed;
using Sora.Integration.Tests.Support;
using Sora.Projections.Feed;
using Xunit;

namespace Sora.Integration.Tests.Feed;

/// <summary>
/// One viewer's signals and pages arriving at the same moment (two tabs, a swipe while the next page loads) are all
/// kept, and the daily scroll cap holds exactly: every writer that folds into the viewer's profile takes the viewer's
/// lock first (ViewerLock). Without it, these requests raced for the activity stream's version (and failed) or
/// overwrote each other's profile fold.
/// </summary>
public sealed class FeedConcurrencyTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private async Task<(List<Guid> Videos, TestAccount Viewer)> SeedAsync(int count)
    {
        var makers = new List<TestAccount>();
        for (var i = 0; i < 4; i++) makers.Add(await Api.SignUpAsync($"maker{i}"));
        var videos = new List<Guid>();
        for (var i = 0; i < count; i++) videos.Add(await Host.PublishedVideoAsync(makers[i % 4], $"a lighthouse at dusk, shot {i}"));
        return (videos, await Api.SignUpAsync("viewer"));
    }

    [Fact]
    public async Task Pages_asked_for_at_once_never_fail_and_never_overrun_the_daily_cap()
    {
        var (_, viewer) = await SeedAsync(16);
        (await Api.PostAsync("mutation { setDailyScrollCap(input: { cap: 7 }) { errors { code } } }", null, viewer.Token)).Ok();

        // Six new feed sessions at once, three items each: 18 asked for, 7 allowed.
        var pages = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Api.FeedAsync(viewer.Token, first: 3)));

        Assert.Equal(7, pages.Sum(p => p.Ids().Count));
        Assert.Contains(pages, p => p.GetProperty("endReason").GetString() == "DAILY_SCROLL_CAP_REACHED");
        var after = await Api.FeedAsync(viewer.Token);
        Assert.Empty(after.Ids());
        Assert.Equal(7, after.GetProperty("servedToday").GetInt32());
    }

    [Fact]
    public async Task Views_likes_and_pages_arriving_together_all_reach_the_profile()
    {
        var (videos, viewer) = await SeedAsync(16);
        var viewed = videos.Take(8).ToList();
        var liked = videos.Skip(8).Take(3).ToList();

        var views = viewed.Select(async v => (await Api.ViewAsync(v, viewer.Token, watchedMs: 5000, completed: true)).Ok());
        var likes = liked.Select(v => Api.SignalAsync("like", v, viewer.Token));
        var feeds = Enumerable.Range(0, 3).Select(_ => Api.FeedAsync(viewer.Token, first: 2));
        await Task.WhenAll(views.Concat(likes).Concat(feeds.Select(f => (Task)f)));

        await using var query = Host.Store.QuerySession();
        var profile = await ViewerTail.CurrentAsync(query, viewer.Id);
        Assert.NotNull(profile);
        Assert.Equal(viewed.Order(), (await SeenVideos.ListAsync(query, viewer.Id)).Order());
        Assert.Equal(11, profile.Signals);           // eight completed views and three likes, none lost
        Assert.Equal(11, profile.PositiveSignals);
        Assert.Equal(6, profile.ServedToday);         // three pages of two
    }

    [Fact]
    public async Task A_batch_of_views_from_many_viewers_folds_into_each_profile_with_one_join()
    {
        var (videos, _) = await SeedAsync(6);
        var viewers = new List<TestAccount>();
        for (var i = 0; i < 3; i++) viewers.Add(await Api.SignUpAsync($"batch{i}"));
        var gone = Guid.CreateVersion7(); // no such visible video: seen, but teaches nothing
        var now = DateTimeOffset.UtcNow;
        var batch = new List<VideoViewed>();
        for (var i = 0; i < viewers.Count; i++)
        {
            batch.Add(new VideoViewed(viewers[i].Id, videos[i], 10_000, 10_000, true, "GB", now));
            batch.Add(new VideoViewed(viewers[i].Id, videos[i + 3], 1_000, 10_000, false, "GB", now)); // swiped away
            batch.Add(new VideoViewed(viewers[i].Id, gone, 10_000, 10_000, true, "GB", now));
        }

        await Host.App.Services.GetRequiredService<ViewIngest>().WriteAsync(batch, CancellationToken.None);

        await using var query = Host.Store.QuerySession();
        for (var i = 0; i < viewers.Count; i++)
        {
            var profile = await ViewerTail.CurrentAsync(query, viewers[i].Id);
            Assert.NotNull(profile);
            Assert.Equal(new[] { videos[i], videos[i + 3], gone }.Order(), (await SeenVideos.ListAsync(query, viewers[i].Id)).Order());
            Assert.Equal(2, profile.Signals);        // the completed view and the swipe; the unknown video teaches nothing
            Assert.Equal(1, profile.PositiveSignals);
            Assert.Equal("GB", profile.LastRegion);
            Assert.NotEmpty(profile.Interest);
            var author = (await query.LoadAsync<FeedVideo>(videos[i]))!.AuthorId;
            Assert.True(profile.Affinity[author] > 0);
        }
    }
}
