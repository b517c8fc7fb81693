using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Cameos;
using Sora.Domain.Feed;
using Sora.Domain.Generations;
using Sora.Domain.Moderation;
using Sora.GraphQL.Notifications;
using Sora.Integration.Tests.Support;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Sora.Integration.Tests.Feed;

/// <summary>
/// videoRemoved: an open feed hears, over graphql-transport-ws, the moment a video it holds leaves public view, from
/// each statement that takes videos off the public (a revoke, a withdrawal, a takedown down the lineage), and only
/// from a commit: not from a rolled-back command, nor from a projection rebuild replaying old removals.
/// </summary>
public sealed class VideoRemovedSubscriptionTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Subscription = "subscription($ids: [ID!]!) { videoRemoved(ids: $ids) { videoId } }";
    private const string Withdraw = "mutation($i: GenerationIdInput!) { withdrawVideo(input: $i) { errors { code } } }";

    private VideoRemovalHub Hub => Host.Services.GetRequiredService<VideoRemovalHub>();

    private Task WaitForWatcherAsync(Guid video) => Hub.WaitForSubscriberAsync(video, new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);

    private static JsonObject Ids(params Guid[] ids) => new() { ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id.ToString()).ToArray()) };

    private static async Task<string> RemovedAsync(WsClient ws)
    {
        var message = await ws.ReceiveAsync();
        Assert.Equal("next", message["type"]!.GetValue<string>());
        return message["payload"]!["data"]!["videoRemoved"]!["videoId"]!.GetValue<string>();
    }

    [Fact]
    public async Task Revoking_a_grant_announces_every_video_that_used_the_cameo_under_it_to_a_watching_viewer()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var creator = await Api.SignUpAsync("creator");
        var viewer = await Api.SignUpAsync("viewer");
        var cameo = await Host.VerifiedCameoAsync(owner.Id);
        var grant = await Api.GrantAsync(cameo, creator.Id, owner.Token);
        var first = await PublishedCameoVideoAsync(creator, owner, cameo, "the two of us at the lake");
        var second = await PublishedCameoVideoAsync(creator, owner, cameo, "the two of us on a boat");
        var unrelated = await Host.PublishedVideoAsync(creator, "a lake with nobody in it");
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, viewer.Token);
        await ws.SubscribeAsync("feed", Subscription, Ids(first, unrelated, second));
        await WaitForWatcherAsync(second);

        // Tracked: the review the revoke sends (it blocks both generations) ends before the test does.
        await Host.App.TrackActivity().IncludeExternalTransports().Timeout(TimeSpan.FromSeconds(60))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ => Api.RevokeAsync(cameo, grant, owner.Token)));

        // The revoking statement took both videos off the public; the one without the cameo stays.
        Assert.Equal(new[] { first, second }.Select(v => v.ToString()).Order(), new[] { await RemovedAsync(ws), await RemovedAsync(ws) }.Order());
        await using var query = Host.Store.QuerySession();
        Assert.NotNull(await query.LoadAsync<FeedVideo>(unrelated));
        Assert.All(await query.LoadManyAsync<Generation>(first, second), g => Assert.Equal(GenerationStage.Blocked, g.Stage));
    }

    [Fact]
    public async Task A_withdrawn_video_is_announced_to_an_anonymous_watcher_and_a_kept_one_is_not()
    {
        var creator = await Api.SignUpAsync("creator");
        var gone = await Host.PublishedVideoAsync(creator, "a lighthouse in a storm");
        var kept = await Host.PublishedVideoAsync(creator, "a lighthouse at dawn");
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SubscribeAsync("feed", Subscription, Ids(kept, gone));
        await WaitForWatcherAsync(gone);

        (await Api.PostAsync(Withdraw, new { i = new { generationId = kept } }, creator.Token)).Ok();
        (await Api.PostAsync(Withdraw, new { i = new { generationId = gone } }, creator.Token)).Ok();

        // Both leave, in commit order; nothing else is sent.
        Assert.Equal(kept.ToString(), await RemovedAsync(ws));
        Assert.Equal(gone.ToString(), await RemovedAsync(ws));
    }

    [Fact]
    public async Task A_moderators_removal_announces_the_remixes_down_its_lineage_and_nothing_for_a_rolled_back_one()
    {
        var creator = await Api.SignUpAsync("creator");
        var fan = await Api.SignUpAsync("fan");
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var moderator = await Api.SignUpAsync("mod_one");
        await Api.GrantRoleAsync(admin, moderator, "MODERATOR");
        var source = await Host.PublishedVideoAsync(creator, "a red kite over hills");
        var remix = await PublishedRemixAsync(creator, source);
        var other = await Host.PublishedVideoAsync(creator, "an unrelated video");
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SubscribeAsync("feed", Subscription, Ids(remix, other));
        await WaitForWatcherAsync(remix);

        // The other video's removal, run and then rolled back (a later statement fails): its NOTIFY is never delivered.
        await using (var rolledBack = Host.Store.LightweightSession())
        {
            rolledBack.QueueSqlCommand(FeedRemovals.DeleteAndAnnounce(rolledBack, "", "id = ?"), other);
            rolledBack.QueueSqlCommand("select 1/0");
            await Assert.ThrowsAnyAsync<Exception>(() => rolledBack.SaveChangesAsync());
        }
        (await Api.PostAsync("mutation($i: ReportInput!) { report(input: $i) { errors { code } } }",
            new { i = new { target = "VIDEO", targetId = source, reason = "LIKENESS_WITHOUT_CONSENT" } }, fan.Token)).Ok();
        (await Api.PostAsync("mutation($c: ID!) { removeContent(input: { caseId: $c, reason: LIKENESS_WITHOUT_CONSENT }) { errors { code } } }",
            new { c = ModerationCase.IdFor(ReportTarget.Video, source) }, moderator.Token)).Ok();

        // The watcher named the remix, not its source: it hears the remix, and only it.
        Assert.Equal(remix.ToString(), await RemovedAsync(ws));
        await ws.SendAsync(new JsonObject { ["id"] = "feed", ["type"] = "complete" });
        await using var check = Host.Store.QuerySession();
        Assert.NotNull(await check.LoadAsync<FeedVideo>(other));
    }

    [Fact]
    public async Task A_video_removed_before_the_subscription_started_is_sent_at_once()
    {
        var creator = await Api.SignUpAsync("creator");
        var gone = await Host.PublishedVideoAsync(creator, "a paper boat");
        var kept = await Host.PublishedVideoAsync(creator, "a paper plane");
        // The feed page was fetched, then the video left, then the client subscribed: it still learns.
        (await Api.PostAsync(Withdraw, new { i = new { generationId = gone } }, creator.Token)).Ok();
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SubscribeAsync("feed", Subscription, Ids(kept, gone));
        Assert.Equal(gone.ToString(), await RemovedAsync(ws));
    }

    [Fact]
    public async Task Rebuilding_the_visibility_projection_announces_none_of_the_removals_it_replays()
    {
        var creator = await Api.SignUpAsync("creator");
        var reinstated = await Host.PublishedVideoAsync(creator, "a fox in the snow");
        var later = await Host.PublishedVideoAsync(creator, "a fox in the rain");
        // Taken down, then back: public again, with a removal in its history that a rebuild replays.
        var caseId = Guid.NewGuid();
        foreach (var e in new object[] { new VideoTakenDown(reinstated, caseId, Guid.NewGuid(), DateTimeOffset.UtcNow), new VideoReinstated(reinstated, caseId, Guid.NewGuid(), DateTimeOffset.UtcNow) })
        {
            await using var session = Host.Store.LightweightSession();
            session.Events.Append(reinstated, e);
            await session.SaveChangesAsync();
        }
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SubscribeAsync("feed", Subscription, Ids(reinstated, later));
        await WaitForWatcherAsync(reinstated);

        using (var daemon = await Host.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<FeedVideoProjection>(TimeSpan.FromSeconds(60), CancellationToken.None);
        await using (var query = Host.Store.QuerySession())
            Assert.NotNull(await query.LoadAsync<FeedVideo>(reinstated));
        (await Api.PostAsync(Withdraw, new { i = new { generationId = later } }, creator.Token)).Ok();

        // NOTIFYs reach the listener in commit order: had the rebuild announced the replayed takedown, it would come first.
        Assert.Equal(later.ToString(), await RemovedAsync(ws));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(101, false)]
    [InlineData(1, true)]
    public async Task Bad_id_lists_are_refused_with_a_typed_error_and_nothing_is_subscribed(int count, bool malformed)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        var variables = malformed ? new JsonObject { ["ids"] = new JsonArray("not-an-id") } : Ids(ids);
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token: null);
        await ws.SubscribeAsync("bad", Subscription, variables);
        var message = await ws.ReceiveAsync();
        Assert.Equal(("error", "bad"), (message["type"]!.GetValue<string>(), message["id"]!.GetValue<string>()));
        Assert.Equal("BAD_USER_INPUT", message["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain(ids, Hub.IsWatched);
    }

    /// <summary>
    /// A published video showing <paramref name="cameo"/> under the creator's right, seeded through its events (the
    /// render path has its own tests): the use is recorded as generation records it, and the video shows it.
    /// </summary>
    private async Task<Guid> PublishedCameoVideoAsync(TestAccount creator, TestAccount owner, Guid cameo, string prompt)
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var result = await Host.Services.GetRequiredService<IMessageBus>()
            .InvokeAsync<CameoUseResult>(new RecordCameoUse(cameo, Guid.NewGuid(), creator.Id, prompt, GenerationId: id));
        var use = result.Use ?? throw new InvalidOperationException($"the use was refused: {result.Reason}");
        await using (var session = Host.Store.LightweightSession())
        {
            session.Events.StartStream<Generation>(id,
                new GenerationRequested(id, creator.Id, creator.Handle, prompt, 5, VideoAspect.Square1x1, VideoResolution.Sd480, 7, null, null,
                    [new GenerationCameo(cameo, owner.Id, owner.Handle, use.UseId, use.ReceiptHash)], 1, 1, 0, DateOnly.FromDateTime(now.UtcDateTime), $"seed-{id:N}", now),
                new GenerationRendered(id, creator.Id, "seeded", "seeded", 480, 480, 5, 1, "seeded", "sora-cppn-1", "cpu", now));
            await session.SaveChangesAsync();
        }
        // Published in its own transaction, as a creator would: the feed projection reads the stored generation.
        await using var publishing = Host.Store.LightweightSession();
        publishing.Events.Append(id, new VideoPublished(id, creator.Id, now));
        await publishing.SaveChangesAsync();
        return id;
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
