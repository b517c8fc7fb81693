using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Generations;
using Sora.GraphQL.Notifications;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Feed;

/// <summary>
/// videoRemoved: an open feed hears, over graphql-transport-ws, the moment a video it holds leaves public view.
/// The revoke path is driven end to end in the browser test (WebClientBrowserTests); here, the other statements.
/// </summary>
public sealed class VideoRemovedSubscriptionTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Subscription = "subscription($ids: [ID!]!) { videoRemoved(ids: $ids) { videoId } }";

    private Task WaitForWatcherAsync(Guid video) =>
        Host.Services.GetRequiredService<VideoRemovalHub>().WaitForSubscriberAsync(video, new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);

    private static JsonObject Ids(params Guid[] ids) => new() { ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id.ToString()).ToArray()) };

    [Fact]
    public async Task A_withdrawn_video_is_announced_to_an_anonymous_watcher_and_a_kept_one_is_not()
    {
        var creator = await Api.SignUpAsync("creator");
        var gone = await Host.PublishedVideoAsync(creator, "a lighthouse in a storm");
        var kept = await Host.PublishedVideoAsync(creator, "a lighthouse at dawn");
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SubscribeAsync("feed", Subscription, Ids(kept, gone));
        await WaitForWatcherAsync(gone);

        (await Api.PostAsync("mutation($i: GenerationIdInput!) { withdrawVideo(input: $i) { errors { code } } }", new { i = new { generationId = kept } }, creator.Token)).Ok();
        (await Api.PostAsync("mutation($i: GenerationIdInput!) { withdrawVideo(input: $i) { errors { code } } }", new { i = new { generationId = gone } }, creator.Token)).Ok();

        // Both leave, in commit order; nothing else is sent.
        Assert.Equal(kept.ToString(), (await ws.ReceiveAsync())["payload"]!["data"]!["videoRemoved"]!["videoId"]!.GetValue<string>());
        Assert.Equal(gone.ToString(), (await ws.ReceiveAsync())["payload"]!["data"]!["videoRemoved"]!["videoId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_takedown_announces_the_remixes_down_its_lineage_and_nothing_for_a_rolled_back_one()
    {
        var creator = await Api.SignUpAsync("creator");
        var source = await Host.PublishedVideoAsync(creator, "a red kite over hills");
        var remix = await PublishedRemixAsync(creator, source);
        var other = await Host.PublishedVideoAsync(creator, "an unrelated video");
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SubscribeAsync("feed", Subscription, Ids(remix, other));
        await WaitForWatcherAsync(remix);

        // The other video's removal, run and then rolled back (a later statement fails): its NOTIFY is never delivered.
        await using (var rolledBack = Host.Store.LightweightSession())
        {
            rolledBack.QueueSqlCommand(Sora.Domain.Feed.FeedRemovals.DeleteAndAnnounce(rolledBack, "", "id = ?"), other);
            rolledBack.QueueSqlCommand("select 1/0");
            await Assert.ThrowsAnyAsync<Exception>(() => rolledBack.SaveChangesAsync());
        }
        await using (var session = Host.Store.LightweightSession())
        {
            session.Events.Append(source, new VideoTakenDown(source, Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        // The watcher named the remix, not its source: it hears the remix, and only it.
        var message = await ws.ReceiveAsync();
        Assert.Equal(remix.ToString(), message["payload"]!["data"]!["videoRemoved"]!["videoId"]!.GetValue<string>());
        await ws.SendAsync(new JsonObject { ["id"] = "feed", ["type"] = "complete" });
        await using var check = Host.Store.QuerySession();
        Assert.NotNull(await check.LoadAsync<Sora.Domain.Feed.FeedVideo>(other));
    }

    [Fact]
    public async Task A_video_removed_before_the_subscription_started_is_sent_at_once()
    {
        var creator = await Api.SignUpAsync("creator");
        var gone = await Host.PublishedVideoAsync(creator, "a paper boat");
        var kept = await Host.PublishedVideoAsync(creator, "a paper plane");
        // The feed page was fetched, then the video left, then the client subscribed: it still learns.
        (await Api.PostAsync("mutation($i: GenerationIdInput!) { withdrawVideo(input: $i) { errors { code } } }", new { i = new { generationId = gone } }, creator.Token)).Ok();
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SubscribeAsync("feed", Subscription, Ids(kept, gone));
        Assert.Equal(gone.ToString(), (await ws.ReceiveAsync())["payload"]!["data"]!["videoRemoved"]!["videoId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(101, false)]
    [InlineData(1, true)]
    public async Task Bad_id_lists_are_refused_with_a_typed_error(int count, bool malformed)
    {
        var ids = malformed ? new JsonObject { ["ids"] = new JsonArray("not-an-id") } : Ids(Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray());
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SubscribeAsync("bad", Subscription, ids);
        var message = await ws.ReceiveAsync();
        Assert.Equal("error", message["type"]!.GetValue<string>());
        Assert.Equal("BAD_USER_INPUT", message["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private async Task<Guid> PublishedRemixAsync(TestAccount author, Guid source)
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using var session = Host.Store.LightweightSession();
        session.Events.StartStream<Generation>(id,
            new GenerationRequested(id, author.Id, author.Handle, "the kite, again", 5, VideoAspect.Square1x1, VideoResolution.Sd480, 7, null, source, [],
                1, 1, 0, DateOnly.FromDateTime(now.UtcDateTime), $"seed-{id:N}", now),
            new GenerationRendered(id, author.Id, "seeded", "seeded", 480, 480, 5, 1, "seeded", "sora-cppn-1", "cpu", now));
        await session.SaveChangesAsync();
        // Published in its own transaction, as a creator would: the feed projection reads the stored generation.
        await using var publishing = Host.Store.LightweightSession();
        publishing.Events.Append(id, new VideoPublished(id, author.Id, now));
        await publishing.SaveChangesAsync();
        return id;
    }
}
