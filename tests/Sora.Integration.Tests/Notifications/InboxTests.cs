using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Sora.Domain.Generations;
using Sora.Domain.Notifications;
using Sora.Domain.Parental;
using Sora.Domain.Social;
using Sora.Integration.Tests.Support;
using Sora.Projections.Notifications;
using Xunit;

namespace Sora.Integration.Tests.Notifications;

/// <summary>
/// The inbox through GraphQL over HTTP and WebSocket: what one account does shows up in another's inbox and on its
/// userEvents with the same id; read marks, preferences, mutes and blocks; nobody reads or marks another's inbox.
/// Videos are seeded through their events (no renders). The inbox is inline, so a mutation's answer already sees it.
/// </summary>
public sealed class InboxTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string InboxQuery = """
        query($first: Int, $after: String, $unread: Boolean) {
          inbox(first: $first, after: $after, unreadOnly: $unread) {
            unreadCount
            edges { cursor node { id kind read actor { handle } video { id } commentId teen { handle } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private const string Subscription = "subscription { userEvents { id kind read actor { handle } video { id } } }";

    private async Task<JsonElement> InboxAsync(TestAccount who, int first = 20, string? after = null, bool unread = false) =>
        (await Api.PostAsync(InboxQuery, new { first, after, unread }, who.Token)).Ok().GetProperty("inbox");

    private async Task<GqlResponse> MarkReadAsync(TestAccount who, string id, bool andOlder = false) =>
        await Api.PostAsync("mutation($id: ID!, $older: Boolean) { markNotificationsRead(input: { id: $id, andOlder: $older }) { unreadCount errors { code } } }",
            new { id, older = andOlder }, who.Token);

    private async Task<GqlResponse> PreferAsync(TestAccount who, string kind, bool enabled) =>
        await Api.PostAsync("mutation($kind: UserEventKind!, $on: Boolean!) { setNotificationPreferences(input: { preferences: [{ kind: $kind, enabled: $on }] }) " +
                            "{ settings { disabledKinds } errors { code field } } }", new { kind, on = enabled }, who.Token);

    private async Task<GqlResponse> MuteAsync(TestAccount who, string verb, Guid target) =>
        await Api.PostAsync($"mutation($id: ID!) {{ {verb}(input: {{ accountId: $id }}) {{ settings {{ mutedAccounts {{ edges {{ node {{ handle }} }} }} }} errors {{ code }} }} }}",
            new { id = target }, who.Token);

    private async Task<WsClient> ListenAsync(TestAccount who)
    {
        var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, who.Token);
        await ws.SubscribeAsync("inbox", Subscription);
        await Host.WaitForSubscriberAsync(who.Id);
        return ws;
    }

    private static JsonNode Pushed(JsonObject message)
    {
        Assert.Equal("next", message["type"]!.GetValue<string>());
        return message["payload"]!["data"]!["userEvents"]!;
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_like_reaches_the_authors_inbox_and_userEvents_with_one_id_and_marking_it_read_counts()
    {
        var s = Suffix();
        var author = await Api.SignUpAsync($"author_{s}");
        var fan = await Api.SignUpAsync($"fan_{s}");
        var video = await Host.PublishedVideoAsync(author, "a red kite over a green hill");
        await using var ws = await ListenAsync(author);

        await Api.SignalAsync("like", video, fan.Token);

        var pushed = Pushed(await ws.ReceiveAsync());
        Assert.Equal(("VIDEO_LIKED", fan.Handle, video.ToString(), false),
            (pushed["kind"]!.GetValue<string>(), pushed["actor"]!["handle"]!.GetValue<string>(), pushed["video"]!["id"]!.GetValue<string>(), pushed["read"]!.GetValue<bool>()));
        var inbox = await InboxAsync(author);
        var item = Assert.Single(inbox.Nodes());
        Assert.Equal(pushed["id"]!.GetValue<string>(), item.GetProperty("id").GetString());
        Assert.Equal(1, inbox.GetProperty("unreadCount").GetInt32());
        // The liker's own inbox holds nothing: nobody hears of their own actions.
        Assert.Empty((await InboxAsync(fan)).Nodes());

        var marked = (await MarkReadAsync(author, item.GetProperty("id").GetString()!)).Ok().GetProperty("markNotificationsRead");
        Assert.Equal(0, marked.GetProperty("unreadCount").GetInt32());
        Assert.True(Assert.Single((await InboxAsync(author)).Nodes()).GetProperty("read").GetBoolean());
        Assert.Empty((await InboxAsync(author, unread: true)).Nodes());
        // Again is a no-op.
        Assert.Equal(0, (await MarkReadAsync(author, item.GetProperty("id").GetString()!)).Ok().GetProperty("markNotificationsRead").GetProperty("unreadCount").GetInt32());
    }

    [Fact]
    public async Task Pages_run_newest_first_and_read_and_older_clears_them_while_nobody_else_reads_or_marks_them()
    {
        var s = Suffix();
        var author = await Api.SignUpAsync($"popular_{s}");
        var stranger = await Api.SignUpAsync($"stranger_{s}");
        var followers = new List<TestAccount>();
        for (var i = 0; i < 3; i++)
        {
            followers.Add(await Api.SignUpAsync($"f{i}_{s}"));
            (await Api.SocialAsync("follow", author.Id, followers[i].Token)).Ok();
        }
        var video = await Host.PublishedVideoAsync(author, "a paper boat on a pond");
        (await Api.PostAsync("mutation($v: ID!) { comment(input: { videoId: $v, text: \"lovely\" }) { comment { id } errors { code } } }",
            new { v = video }, followers[0].Token)).Ok();

        var first = await InboxAsync(author, first: 2);
        Assert.Equal(["VIDEO_COMMENTED", "NEW_FOLLOWER"], first.Nodes().Select(n => n.GetProperty("kind").GetString()));
        Assert.Equal(followers[0].Handle, first.Nodes()[0].GetProperty("actor").GetProperty("handle").GetString());
        Assert.False(first.Nodes()[0].GetProperty("commentId").ValueKind == JsonValueKind.Null);
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var rest = await InboxAsync(author, first: 10, after: first.GetProperty("pageInfo").GetProperty("endCursor").GetString());
        Assert.Equal([followers[1].Handle, followers[0].Handle], rest.Nodes().Select(n => n.GetProperty("actor").GetProperty("handle").GetString()));
        Assert.Equal(4, rest.GetProperty("unreadCount").GetInt32());

        // Someone else's item is NOT_FOUND, as a missing one; the anonymous caller is refused outright.
        var second = first.Nodes()[1].GetProperty("id").GetString()!;
        Assert.Contains("NOT_FOUND", (await MarkReadAsync(stranger, second)).ErrorCodes);
        Assert.Contains("NOT_FOUND", (await MarkReadAsync(author, Guid.NewGuid().ToString())).ErrorCodes);
        Assert.Empty((await InboxAsync(stranger)).Nodes());
        Assert.Contains("UNAUTHENTICATED", (await Api.PostAsync(InboxQuery, new { first = 5 })).ErrorCodes);
        Assert.Contains("UNAUTHENTICATED", (await Api.PostAsync("mutation($id: ID!) { markNotificationsRead(input: { id: $id }) { unreadCount } }", new { id = second })).ErrorCodes);
        Assert.Equal(4, (await InboxAsync(author)).GetProperty("unreadCount").GetInt32());

        // The second newest and everything older: only the newest stays unread.
        Assert.Equal(1, (await MarkReadAsync(author, second, andOlder: true)).Ok().GetProperty("markNotificationsRead").GetProperty("unreadCount").GetInt32());
        Assert.Equal("VIDEO_COMMENTED", Assert.Single((await InboxAsync(author, unread: true)).Nodes()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_kind_switched_off_and_a_muted_account_neither_store_nor_push_and_unmuting_restores()
    {
        var s = Suffix();
        var me = await Api.SignUpAsync($"me_{s}");
        var liker = await Api.SignUpAsync($"liker_{s}");
        var pest = await Api.SignUpAsync($"pest_{s}");
        var friend = await Api.SignUpAsync($"friend_{s}");
        var video = await Host.PublishedVideoAsync(me, "a lighthouse in the fog");

        Assert.Equal(["VIDEO_LIKED"], (await PreferAsync(me, "VIDEO_LIKED", false)).Ok().GetProperty("setNotificationPreferences")
            .GetProperty("settings").GetProperty("disabledKinds").EnumerateArray().Select(k => k.GetString()));
        var muted = (await MuteAsync(me, "muteAccount", pest.Id)).Ok().GetProperty("muteAccount");
        Assert.Equal(pest.Handle, Assert.Single(muted.GetProperty("settings").GetProperty("mutedAccounts").Nodes()).GetProperty("handle").GetString());
        await using var ws = await ListenAsync(me);

        await Api.SignalAsync("like", video, liker.Token);
        (await Api.SocialAsync("follow", me.Id, pest.Token)).Ok();
        (await Api.SocialAsync("follow", me.Id, friend.Token)).Ok();

        // Pushes arrive in commit order: the first one to come is the friend's, so the other two sent nothing.
        Assert.Equal(friend.Handle, Pushed(await ws.ReceiveAsync())["actor"]!["handle"]!.GetValue<string>());
        Assert.Equal([friend.Handle], (await InboxAsync(me)).Nodes().Select(n => n.GetProperty("actor").GetProperty("handle").GetString()));

        (await MuteAsync(me, "unmuteAccount", pest.Id)).Ok();
        (await PreferAsync(me, "VIDEO_LIKED", true)).Ok();
        (await Api.SocialAsync("unfollow", me.Id, pest.Token)).Ok();
        (await Api.SocialAsync("follow", me.Id, pest.Token)).Ok();
        Assert.Equal(pest.Handle, Pushed(await ws.ReceiveAsync())["actor"]!["handle"]!.GetValue<string>());
        Assert.Equal(2, (await InboxAsync(me)).Nodes().Length);
    }

    [Fact]
    public async Task Bad_input_to_the_controls_is_a_typed_error()
    {
        var s = Suffix();
        var me = await Api.SignUpAsync($"picky_{s}");
        var blocker = await Api.SignUpAsync($"blocker_{s}");
        (await Api.SocialAsync("block", me.Id, blocker.Token)).Ok();

        var live = await PreferAsync(me, "GENERATION_UPDATED", false);
        Assert.Equal(["BAD_USER_INPUT"], live.Refused("setNotificationPreferences"));
        Assert.Equal(["CANNOT_TARGET_SELF"], (await MuteAsync(me, "muteAccount", me.Id)).Refused("muteAccount"));
        // A missing account and one that blocks you answer alike.
        Assert.Contains("NOT_FOUND", (await MuteAsync(me, "muteAccount", Guid.NewGuid())).ErrorCodes);
        Assert.Contains("NOT_FOUND", (await MuteAsync(me, "muteAccount", blocker.Id)).ErrorCodes);
        Assert.Contains("BAD_USER_INPUT", (await MarkReadAsync(me, "not-an-id")).ErrorCodes);
        Assert.Contains("UNAUTHENTICATED", (await Api.PostAsync("{ notificationSettings { disabledKinds } }")).ErrorCodes);
    }

    [Fact]
    public async Task A_block_takes_what_each_caused_in_the_others_inbox_and_tells_nobody()
    {
        var s = Suffix();
        var me = await Api.SignUpAsync($"victim_{s}");
        var troll = await Api.SignUpAsync($"troll_{s}");
        var bystander = await Api.SignUpAsync($"bystander_{s}");
        (await Api.SocialAsync("follow", me.Id, troll.Token)).Ok();
        (await Api.SocialAsync("follow", troll.Id, me.Token)).Ok();
        (await Api.SocialAsync("follow", me.Id, bystander.Token)).Ok();
        Assert.Equal(2, (await InboxAsync(me)).Nodes().Length);
        await using var ws = await ListenAsync(troll);

        (await Api.SocialAsync("block", troll.Id, me.Token)).Ok();
        (await Api.SocialAsync("follow", troll.Id, bystander.Token)).Ok();

        // The blocked one hears nothing of the block (the next push is the bystander's) and loses the blocker's follow.
        Assert.Equal(bystander.Handle, Pushed(await ws.ReceiveAsync())["actor"]!["handle"]!.GetValue<string>());
        Assert.Equal([bystander.Handle], (await InboxAsync(troll)).Nodes().Select(n => n.GetProperty("actor").GetProperty("handle").GetString()));
        Assert.Equal([bystander.Handle], (await InboxAsync(me)).Nodes().Select(n => n.GetProperty("actor").GetProperty("handle").GetString()));
    }

    [Fact]
    public async Task A_published_remix_and_a_parent_invite_reach_the_inbox_and_a_deleted_account_leaves_none_behind()
    {
        var s = Suffix();
        var original = await Api.SignUpAsync($"orig_{s}");
        var remixer = await Api.SignUpAsync($"remixer_{s}");
        var teen = await Api.SignUpAsync($"teen_{s}", birthDate: "2011-03-01");
        var source = await Host.PublishedVideoAsync(original, "a cat on a skateboard");
        var remix = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using (var session = Host.Store.LightweightSession())
        {
            session.Events.StartStream<Generation>(remix,
                new GenerationRequested(remix, remixer.Id, remixer.Handle, "the cat, now in space", 5, VideoAspect.Square1x1, VideoResolution.Sd480, 7, null,
                    source, [], 1, 1, 0, DateOnly.FromDateTime(now.UtcDateTime), $"seed-{remix:N}", now),
                new GenerationRendered(remix, remixer.Id, "seeded", "seeded", 480, 480, 5, 1, "seeded", "sora-cppn-1", "cpu", now));
            await session.SaveChangesAsync();
        }
        Assert.Empty((await InboxAsync(original)).Nodes());
        await using (var session = Host.Store.LightweightSession())
        {
            session.Events.Append(remix, new VideoPublished(remix, remixer.Id, now));
            // The parent–teen link's own commands are the parental feature's; its events notify as they are appended.
            session.Events.StartStream<Guardianship>(Guardianship.StreamFor(teen.Id), new ParentLinkInvited(teen.Id, original.Id, Guid.NewGuid(), now));
            await session.SaveChangesAsync();
        }
        var remixed = Assert.Single((await InboxAsync(original)).Nodes());
        Assert.Equal(("VIDEO_REMIXED", remix.ToString(), remixer.Handle),
            (remixed.GetProperty("kind").GetString(), remixed.GetProperty("video").GetProperty("id").GetString(), remixed.GetProperty("actor").GetProperty("handle").GetString()));
        var invited = Assert.Single((await InboxAsync(teen)).Nodes());
        Assert.Equal(("PARENT_LINK_INVITED", original.Handle, teen.Handle),
            (invited.GetProperty("kind").GetString(), invited.GetProperty("actor").GetProperty("handle").GetString(), invited.GetProperty("teen").GetProperty("handle").GetString()));

        // Deleting the original's account: its inbox, its settings and what it caused elsewhere go in the caller's transaction.
        (await MuteAsync(original, "muteAccount", remixer.Id)).Ok();
        await using (var session = Host.Store.LightweightSession())
        {
            NotificationErasure.ForgetAccount(session, original.Id);
            await session.SaveChangesAsync();
        }
        await using var query = Host.Store.QuerySession();
        Assert.False(await query.Query<InboxItem>().AnyAsync(i => i.RecipientId == original.Id || i.ActorId == original.Id));
        Assert.Null(await query.LoadAsync<NotificationSettings>(NotificationSettings.StreamFor(original.Id)));
        Assert.Empty((await InboxAsync(teen)).Nodes());
    }

    [Fact]
    public async Task An_inbox_keeps_its_newest_items_only()
    {
        var me = await Api.SignUpAsync($"famous_{Suffix()}");
        // Follow events appended directly: the mapping needs no account behind a follower id.
        async Task FollowedByAsync(int count)
        {
            await using var session = Host.Store.LightweightSession();
            for (var i = 0; i < count; i++)
            {
                var follower = Guid.CreateVersion7();
                session.Events.StartStream<Relationship>(Relationship.IdFor(follower, me.Id), new Followed(follower, me.Id, DateTimeOffset.UtcNow));
            }
            await session.SaveChangesAsync();
        }
        await FollowedByAsync(InboxItem.MaxPerAccount);
        await using var query = Host.Store.QuerySession();
        var oldest = await query.Query<InboxItem>().Where(i => i.RecipientId == me.Id).OrderBy(i => i.Seq).FirstAsync();

        await FollowedByAsync(3);

        var kept = await query.Query<InboxItem>().Where(i => i.RecipientId == me.Id).CountAsync();
        Assert.Equal(InboxItem.MaxPerAccount, kept);
        Assert.Null(await query.LoadAsync<InboxItem>(oldest.Id));
        Assert.Equal(InboxItem.MaxPerAccount, (await InboxAsync(me)).GetProperty("unreadCount").GetInt32());
    }

    [Fact]
    public async Task A_rebuild_brings_the_inbox_back_with_the_same_ids_and_read_marks_and_pushes_nothing()
    {
        var s = Suffix();
        var me = await Api.SignUpAsync($"rebuilt_{s}");
        var fan = await Api.SignUpAsync($"fan_{s}");
        var late = await Api.SignUpAsync($"late_{s}");
        var video = await Host.PublishedVideoAsync(me, "a windmill at dusk");
        (await Api.SocialAsync("follow", me.Id, fan.Token)).Ok();
        await Api.SignalAsync("like", video, fan.Token);
        var follow = (await InboxAsync(me)).Nodes()[1].GetProperty("id").GetString()!;
        (await MarkReadAsync(me, follow)).Ok();
        var before = (await InboxAsync(me)).GetRawText();
        await using var ws = await ListenAsync(me);

        await using (var wipe = Host.Store.LightweightSession())
        {
            wipe.DeleteWhere<InboxItem>(_ => true);
            await wipe.SaveChangesAsync();
        }
        Assert.Empty((await InboxAsync(me)).Nodes());
        using (var daemon = await Host.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<InboxProjection>(TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal(before, (await InboxAsync(me)).GetRawText());
        // The first push after the rebuild is a new follow: replaying the old events pushed nothing.
        (await Api.SocialAsync("follow", me.Id, late.Token)).Ok();
        Assert.Equal(late.Handle, Pushed(await ws.ReceiveAsync())["actor"]!["handle"]!.GetValue<string>());
    }
}
