using System.Text.Json;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Feed;

/// <summary>Each signal through GraphQL, its counters, its rights; the region from the test GeoIP database; visibility.</summary>
public sealed class FeedSignalsTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Stats = "query($id: ID!) { video(id: $id) { viewerHasLiked stats { views averageWatchFraction completionRate likes comments shares remixes } } }";

    [Fact]
    public async Task Views_likes_shares_and_comments_are_counted_and_comments_can_be_deleted_by_their_author_or_the_video_owner()
    {
        var maker = await Api.SignUpAsync("maker");
        var fan = await Api.SignUpAsync("fan");
        var other = await Api.SignUpAsync("other");
        var video = await Host.PublishedVideoAsync(maker, "a paper boat in the rain");

        (await Api.ViewAsync(video, fan.Token, watchedMs: 5000, completed: true)).Ok();
        (await Api.ViewAsync(video, other.Token, watchedMs: 2500, completed: false)).Ok();
        await Api.SignalAsync("like", video, fan.Token);
        await Api.SignalAsync("like", video, fan.Token); // a retry: still one like
        await Api.SignalAsync("like", video, other.Token);
        await Api.SignalAsync("unlike", video, other.Token);
        (await Api.PostAsync("mutation($id: ID!) { share(input: { videoId: $id, channel: \"message\" }) { video { id } errors { code } } }", new { id = video }, fan.Token)).Ok();

        const string comment = "mutation($id: ID!, $t: String!) { comment(input: { videoId: $id, text: $t }) { errors { code field } comment { id text author { handle } } video { id } } }";
        var posted = (await Api.PostAsync(comment, new { id = video, t = "lovely boat" }, fan.Token)).Ok().GetProperty("comment").GetProperty("comment");
        Assert.Equal("fan", posted.GetProperty("author").GetProperty("handle").GetString());
        var second = (await Api.PostAsync(comment, new { id = video, t = "meh" }, other.Token)).Ok().GetProperty("comment").GetProperty("comment").GetProperty("id").GetString();
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(comment, new { id = video, t = new string('x', 501) }, fan.Token)).UserErrors("comment"));
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(comment, new { id = video, t = "   " }, fan.Token)).UserErrors("comment"));

        // Deleting: not by a stranger (NOT_FOUND, as if absent), yes by the author, yes by the video's owner.
        const string delete = "mutation($c: ID!) { deleteComment(input: { commentId: $c }) { deletedCommentId errors { code } } }";
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(delete, new { c = posted.GetProperty("id").GetString() }, other.Token)).ErrorCodes);
        (await Api.PostAsync(delete, new { c = second }, maker.Token)).Ok();

        await WaitForProjectionsAsync();
        var data = (await Api.PostAsync(Stats, new { id = video }, fan.Token)).Ok().GetProperty("video");
        Assert.True(data.GetProperty("viewerHasLiked").GetBoolean());
        var stats = data.GetProperty("stats");
        Assert.Equal(2, stats.GetProperty("views").GetInt32());
        Assert.Equal(0.75, stats.GetProperty("averageWatchFraction").GetDouble(), 3);
        Assert.Equal(0.5, stats.GetProperty("completionRate").GetDouble(), 3);
        Assert.Equal(1, stats.GetProperty("likes").GetInt32());
        Assert.Equal(1, stats.GetProperty("shares").GetInt32());
        Assert.Equal(1, stats.GetProperty("comments").GetInt32());

        var comments = (await Api.PostAsync("query($id: ID!) { video(id: $id) { comments(first: 10) { edges { node { text } } } } }", new { id = video }, other.Token))
            .Ok().GetProperty("video").GetProperty("comments").GetProperty("edges");
        Assert.Equal(["lovely boat"], comments.EnumerateArray().Select(e => e.GetProperty("node").GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Signals_need_a_signed_in_viewer_and_a_video_they_may_see()
    {
        var maker = await Api.SignUpAsync("maker");
        var fan = await Api.SignUpAsync("fan");
        var video = await Host.PublishedVideoAsync(maker, "a kite over the dunes");
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync("mutation($id: ID!) { like(input: { videoId: $id }) { errors { code } } }", new { id = video })).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(FeedSeeds.FeedQuery, new { kind = "FOR_YOU" })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("mutation($id: ID!) { like(input: { videoId: $id }) { errors { code } } }", new { id = Guid.NewGuid() }, fan.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.ViewAsync(Guid.NewGuid(), fan.Token)).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.ViewAsync(video, fan.Token, watchedMs: -1)).UserErrors("recordView"));
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(FeedSeeds.FeedQuery, new { kind = "FOR_YOU", after = "not-a-cursor" }, fan.Token)).ErrorCodes);

        // The creator blocks the fan: the video is gone for the fan everywhere, signals included.
        (await Api.SocialAsync("block", fan.Id, maker.Token)).Ok();
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("mutation($id: ID!) { like(input: { videoId: $id }) { errors { code } } }", new { id = video }, fan.Token)).ErrorCodes);
        Assert.DoesNotContain(video, (await Api.FeedAsync(fan.Token)).Ids());
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(video, fan.Token)));
    }

    [Fact]
    public async Task The_region_comes_from_a_trusted_proxy_header_through_the_GeoIP_database_and_the_IP_is_never_stored()
    {
        var maker = await Api.SignUpAsync("maker");
        var londoner = await Api.SignUpAsync("londoner");
        var swede = await Api.SignUpAsync("swede");
        var video = await Host.PublishedVideoAsync(maker, "fog rolls over a river bridge");

        (await Api.ViewAsync(video, londoner.Token, forwardedFor: "81.2.69.142")).Ok();
        await WaitForProjectionsAsync();

        var london = await Api.FeedAsync(await Api.SignUpAsync("second_londoner").ContinueWith(t => t.Result.Token), kind: "TRENDING", forwardedFor: "81.2.69.142");
        Assert.Equal("GB", london.GetProperty("region").GetString());
        Assert.Equal([video], london.Ids());
        Assert.Equal("TRENDING_IN_REGION", london.GetProperty("items")[0].GetProperty("reasons")[0].GetString());

        var sweden = await Api.FeedAsync(swede.Token, kind: "TRENDING", forwardedFor: "89.160.20.112");
        Assert.Equal("SE", sweden.GetProperty("region").GetString());
        Assert.Empty(sweden.Ids());
        Assert.Equal("END_OF_FEED", sweden.GetProperty("endReason").GetString());

        // Unknown address: no region, and the feed still works.
        var nowhere = await Api.FeedAsync(swede.Token, kind: "FOR_YOU", forwardedFor: "10.1.2.3");
        Assert.Equal(JsonValueKind.Null, nowhere.GetProperty("region").ValueKind);
        Assert.Contains(video, nowhere.Ids());

        await using var query = Host.Store.QuerySession();
        var raw = await query.AdvancedSql.QueryAsync<string>("select data::text from sora_it.mt_events", CancellationToken.None);
        Assert.Contains(raw, e => e.Contains("\"GB\""));
        Assert.DoesNotContain(raw, e => e.Contains("81.2.69.142") || e.Contains("89.160.20.112"));
    }

    [Fact]
    public async Task Withdrawn_videos_leave_every_feed_and_their_comments_go_with_them()
    {
        var maker = await Api.SignUpAsync("maker");
        var fan = await Api.SignUpAsync("fan");
        var video = await Host.PublishedVideoAsync(maker, "a snowman melts in spring");
        (await Api.PostAsync("mutation($id: ID!, $t: String!) { comment(input: { videoId: $id, text: $t }) { errors { code } } }", new { id = video, t = "bye snowman" }, fan.Token)).Ok();
        Assert.Contains(video, (await Api.FeedAsync(fan.Token)).Ids());

        (await Api.PostAsync("mutation($id: ID!) { withdrawVideo(input: { generationId: $id }) { errors { code } } }", new { id = video }, maker.Token)).Ok();
        Assert.DoesNotContain(video, (await Api.FeedAsync(fan.Token)).Ids());
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(video, fan.Token)));
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("mutation($id: ID!, $t: String!) { comment(input: { videoId: $id, text: $t }) { errors { code } } }", new { id = video, t = "hello?" }, fan.Token)).ErrorCodes);
        // Its creator still sees it, without comments.
        var own = (await Api.PostAsync("query($id: ID!) { video(id: $id) { status comments { edges { node { text } } } } }", new { id = video }, maker.Token)).Ok().GetProperty("video");
        Assert.Equal("WITHDRAWN", own.GetProperty("status").GetString());
        Assert.Equal(0, own.GetProperty("comments").GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task A_cameo_revocation_takes_the_video_out_of_a_feed_page_fetched_right_after()
    {
        var owner = await Api.SignUpAsync("alex");
        var fan = await Api.SignUpAsync("fan");
        var viewer = await Api.SignUpAsync("viewer");
        var cameo = await Host.VerifiedCameoWithFaceAsync(owner.Id);
        const string audience = "mutation($input: SetCameoAudienceInput!) { setCameoAudience(input: $input) { errors { code } } }";
        (await Api.PostAsync(audience, new { input = new { cameoId = cameo, audience = "EVERYONE" } }, owner.Token)).Ok();
        var id = await Api.RequestAsync(fan.Token, GenerationFlow.Input("@alex waves from a sailing boat", "feed-cameo"));
        await using (var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, fan.Token))
            Assert.Equal("READY", (await GenerationFlow.FollowAsync(ws, id))[^1]["state"]!.GetValue<string>());
        (await Api.PostAsync("mutation($id: ID!) { publishVideo(input: { generationId: $id }) { errors { code } } }", new { id }, fan.Token)).Ok();
        Assert.Contains(id, (await Api.FeedAsync(viewer.Token)).Ids());

        (await Api.PostAsync(audience, new { input = new { cameoId = cameo, audience = "ONLY_ME" } }, owner.Token)).Ok();
        // No waiting on any handler: the revoking transaction already took it off the public.
        Assert.DoesNotContain(id, (await Api.FeedAsync(viewer.Token)).Ids());
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(id, viewer.Token)));
    }

    [Fact]
    public async Task A_comment_retried_with_its_client_id_is_posted_once()
    {
        var author = await Api.SignUpAsync("author");
        var fan = await Api.SignUpAsync("fan");
        var video = await Host.PublishedVideoAsync(author, "a snowman in the sun");
        const string comment = "mutation($id: ID!, $t: String!, $c: String) { comment(input: { videoId: $id, text: $t, clientRequestId: $c }) { comment { id text } errors { code field } } }";
        var first = (await Api.PostAsync(comment, new { id = video, t = "so cold", c = "retry-me" }, fan.Token)).Ok().GetProperty("comment");
        // The answer was lost; the client sends the same request again, concurrently with a third copy.
        var again = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Api.PostAsync(comment, new { id = video, t = "so cold", c = "retry-me" }, fan.Token)));
        foreach (var response in again)
            Assert.Equal(first.GetProperty("comment").GetProperty("id").GetString(), response.Ok().GetProperty("comment").GetProperty("comment").GetProperty("id").GetString());
        var comments = (await Api.PostAsync("query($id: ID!) { video(id: $id) { comments { edges { node { id } } } } }", new { id = video }, fan.Token))
            .Ok().GetProperty("video").GetProperty("comments").GetProperty("edges");
        Assert.Equal(1, comments.GetArrayLength());
        // Another client id is another comment; a malformed one is a user error.
        (await Api.PostAsync(comment, new { id = video, t = "so cold", c = "another" }, fan.Token)).Ok();
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(comment, new { id = video, t = "x", c = new string('c', 101) }, fan.Token)).UserErrors("comment"));
    }
}
