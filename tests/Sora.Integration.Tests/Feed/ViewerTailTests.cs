using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Feed;
using Sora.Integration.Tests.Support;
using Sora.Projections.Feed;
using Xunit;

namespace Sora.Integration.Tests.Feed;

/// <summary>
/// Views are appended without rewriting the viewer's profile; the profile's readers fold the unfolded tail, and the
/// next page, like or a long enough tail folds it into the document, in order.
/// </summary>
public sealed class ViewerTailTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private Task WriteAsync(IReadOnlyList<VideoViewed> views) =>
        Host.App.Services.GetRequiredService<ViewIngest>().WriteAsync(views, CancellationToken.None);

    private static VideoViewed Completed(Guid viewer, Guid video, DateTimeOffset at) => new(viewer, video, 10_000, 10_000, true, "GB", at);

    [Fact]
    public async Task Views_wait_in_the_tail_and_the_next_page_folds_them_into_the_document()
    {
        var maker = await Api.SignUpAsync("tailmaker");
        var videos = new List<Guid>();
        for (var i = 0; i < 5; i++) videos.Add(await Host.PublishedVideoAsync(maker, $"a kite over the dunes, take {i}"));
        var viewer = await Api.SignUpAsync("tailviewer");
        var now = DateTimeOffset.UtcNow;

        await WriteAsync(videos.Take(3).Select((v, i) => Completed(viewer.Id, v, now.AddSeconds(i))).ToList());

        await using (var query = Host.Store.QuerySession())
        {
            // The document was not rewritten (there is none yet); the profile as read has all three views.
            Assert.Null(await query.LoadAsync<ViewerProfile>(viewer.Id));
            var current = await ViewerTail.CurrentAsync(query, viewer.Id);
            Assert.Equal(3, current.Signals);
            Assert.Equal(30_000, current.WatchedMsOn(DateOnly.FromDateTime(now.UtcDateTime)));
            Assert.Equal(3, current.ActivityVersion);
        }

        // The page ranks with the folded profile (the three are seen) and folds them into the document with itself.
        var page = await Api.FeedAsync(viewer.Token, first: 5);
        Assert.Equal(videos.Skip(3).Order(), page.Ids().Order());
        await using (var query = Host.Store.QuerySession())
        {
            var stored = await query.LoadAsync<ViewerProfile>(viewer.Id);
            Assert.NotNull(stored);
            Assert.Equal(3, stored.Signals);
            Assert.Equal(2, stored.ServedToday);
            Assert.Equal(4, stored.ActivityVersion); // three views and the page
            Assert.Equal(3, (await ViewerTail.CurrentAsync(query, viewer.Id)).Signals); // nothing folded twice
        }
    }

    [Fact]
    public async Task A_tail_longer_than_the_bound_is_folded_by_the_view_batch_that_passes_it()
    {
        var viewer = await Api.SignUpAsync("bingeviewer");
        var now = DateTimeOffset.UtcNow;
        var views = Enumerable.Range(0, ViewerTail.FoldAfter + 1).Select(i => Completed(viewer.Id, Guid.CreateVersion7(), now.AddSeconds(i))).ToList();

        await WriteAsync(views[..ViewerTail.FoldAfter]);
        await using (var query = Host.Store.QuerySession())
            Assert.Null(await query.LoadAsync<ViewerProfile>(viewer.Id)); // exactly at the bound: still a tail

        await WriteAsync(views[ViewerTail.FoldAfter..]);
        await using (var query = Host.Store.QuerySession())
        {
            var stored = await query.LoadAsync<ViewerProfile>(viewer.Id);
            Assert.NotNull(stored);
            Assert.Equal(ViewerTail.FoldAfter + 1, stored.ActivityVersion);
            Assert.Equal(ViewerTail.FoldAfter + 1, stored.SeenSinceTrim);
        }
    }

    [Fact]
    public async Task A_profile_from_before_the_tail_keeps_folding_every_view_and_starts_its_version()
    {
        var viewer = await Api.SignUpAsync("oldprofile");
        var now = DateTimeOffset.UtcNow;
        // As the earlier inline fold left it: every view folded, no version recorded.
        await using (var session = Host.Store.LightweightSession())
        {
            session.Store(new ViewerProfile { Id = viewer.Id, Signals = 5, PositiveSignals = 5, SeenSinceTrim = 5 });
            await session.SaveChangesAsync();
        }

        await WriteAsync([Completed(viewer.Id, Guid.CreateVersion7(), now)]);

        await using var query = Host.Store.QuerySession();
        var stored = await query.LoadAsync<ViewerProfile>(viewer.Id);
        Assert.Equal(6, stored!.SeenSinceTrim);
        Assert.Equal(1, stored.ActivityVersion);
        Assert.Equal(6, (await ViewerTail.CurrentAsync(query, viewer.Id)).SeenSinceTrim);
    }

    [Fact]
    public async Task Ingested_views_are_ordinary_Marten_events_that_a_Marten_append_continues()
    {
        var viewer = await Api.SignUpAsync("streamviewer");
        var now = DateTimeOffset.UtcNow;
        var views = Enumerable.Range(0, 3).Select(i => Completed(viewer.Id, Guid.CreateVersion7(), now.AddSeconds(i))).ToList();
        await WriteAsync(views[..2]); // the stream starts
        await WriteAsync(views[2..]); // and moves on
        await using (var session = Host.Store.LightweightSession())
        {
            await ViewerLock.AcquireAsync(session, viewer.Id, CancellationToken.None);
            session.Events.Append(ActivityStreams.For(viewer.Id), new FeedPageServed(viewer.Id, FeedKind.ForYou, Guid.NewGuid(), [], DateOnly.FromDateTime(now.UtcDateTime), now));
            await session.SaveChangesAsync();
        }

        await using var query = Host.Store.QuerySession();
        var stream = await query.Events.FetchStreamAsync(ActivityStreams.For(viewer.Id));
        Assert.Equal([1L, 2, 3, 4], stream.Select(e => e.Version));
        Assert.Equal(views, stream.Take(3).Select(e => e.Data));
        Assert.All(stream.Take(3), e => Assert.Equal(FeedEventTypes.VideoViewedName, e.EventTypeName));
        Assert.Equal(stream.Select(e => e.Sequence).Order(), stream.Select(e => e.Sequence));
        Assert.Equal(4, (await query.Events.FetchStreamStateAsync(ActivityStreams.For(viewer.Id)))!.Version);
    }
}
