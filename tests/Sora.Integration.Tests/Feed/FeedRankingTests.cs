using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Feed;

/// <summary>For You learns from signals at once, explains itself, excludes what was seen, and keeps authors apart.</summary>
public sealed class FeedRankingTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string[] Cats = ["a kitten chases a red laser dot", "two kittens wrestle on a sofa", "a kitten naps in a sunny window",
        "a kitten climbs a curtain", "a kitten pounces on a toy mouse", "a kitten sleeps in a basket"];
    private static readonly string[] Cars = ["a race car drifts around a track corner", "a vintage race car roars down the track",
        "race cars overtake on the final lap", "a rally car jumps over a dirt track", "a race car pit stop", "a race car crosses the finish line"];

    private async Task<(List<Guid> Cats, List<Guid> Cars, TestAccount Viewer)> SeedAsync()
    {
        var makers = new List<TestAccount>();
        for (var i = 0; i < 4; i++) makers.Add(await Api.SignUpAsync($"maker{i}"));
        var cats = new List<Guid>();
        var cars = new List<Guid>();
        for (var i = 0; i < Cats.Length; i++)
        {
            cats.Add(await Host.PublishedVideoAsync(makers[i % 2], Cats[i]));
            cars.Add(await Host.PublishedVideoAsync(makers[2 + i % 2], Cars[i]));
        }
        return (cats, cars, await Api.SignUpAsync("viewer"));
    }

    [Fact]
    public async Task The_next_page_reflects_the_last_swipes_and_every_item_says_why()
    {
        var (cats, cars, viewer) = await SeedAsync();

        // Two completed kitten videos and a like: the next page leads with kittens, explained by interest.
        await Api.ViewAsync(cats[0], viewer.Token).ContinueWith(t => t.Result.Ok());
        await Api.SignalAsync("like", cats[0], viewer.Token);
        (await Api.ViewAsync(cats[1], viewer.Token)).Ok();
        (await Api.ViewAsync(cars[0], viewer.Token, watchedMs: 300, completed: false)).Ok(); // swiped away at once

        var feed = await Api.FeedAsync(viewer.Token, first: 6);
        var ids = feed.Ids();
        Assert.DoesNotContain(cats[0], ids); // watched: excluded on the server
        Assert.DoesNotContain(cats[1], ids);
        Assert.DoesNotContain(cars[0], ids);
        var top = feed.GetProperty("items")[0];
        Assert.Contains(Guid.Parse(top.GetProperty("video").GetProperty("id").GetString()!), cats);
        Assert.Contains("SIMILAR_TO_INTERESTS", top.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        var parts = top.GetProperty("scoreParts").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetDouble());
        Assert.True(parts["interest"] > 0.2, top.ToString());
        Assert.Equal(top.GetProperty("score").GetDouble(), parts.Values.Sum(), 6);
        // The top half is kittens: a few swipes are enough.
        Assert.True(ids.Take(3).Count(cats.Contains) >= 2, string.Join(",", ids.Select(i => cats.Contains(i) ? "cat" : "car")));

        // Diversity: never the same creator twice in a row.
        var creators = feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("video").GetProperty("creator").GetProperty("handle").GetString()).ToList();
        Assert.All(creators.Zip(creators.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));

        // The next page of the same session does not repeat what this one served.
        var next = await Api.FeedAsync(viewer.Token, first: 6, after: feed.GetProperty("pageInfo").GetProperty("endCursor").GetString());
        Assert.Empty(next.Ids().Intersect(ids));
    }

    [Fact]
    public async Task Hide_and_not_interested_remove_a_video_for_good_and_see_less_pushes_its_creator_down()
    {
        var (cats, cars, viewer) = await SeedAsync();
        await Api.SignalAsync("hide", cats[2], viewer.Token);
        await Api.SignalAsync("notInterested", cars[2], viewer.Token);
        await Api.SignalAsync("hide", cats[2], viewer.Token); // again: a no-op, still ok

        var all = new List<Guid>();
        string? after = null;
        for (var page = 0; page < 4; page++)
        {
            var feed = await Api.FeedAsync(viewer.Token, first: 5, after: after);
            all.AddRange(feed.Ids());
            if (feed.GetProperty("endReason").ValueKind != System.Text.Json.JsonValueKind.Null) break;
            after = feed.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        Assert.DoesNotContain(cats[2], all);
        Assert.DoesNotContain(cars[2], all);
        Assert.Equal(10, all.Distinct().Count());

        // See less of a creator: a penalty term on their videos.
        await Api.SignalAsync("seeLess", cars[1], viewer.Token);
        var fresh = await Api.FeedAsync(viewer.Token, first: 10);
        var penalised = fresh.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("scoreParts").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "seeLess")).ToList();
        Assert.NotEmpty(penalised);
    }

    [Fact]
    public async Task Personalization_off_ranks_by_recency_and_popularity_with_the_same_exclusions()
    {
        var (cats, _, viewer) = await SeedAsync();
        (await Api.ViewAsync(cats[0], viewer.Token)).Ok();
        await Api.SignalAsync("hide", cats[3], viewer.Token);
        var off = (await Api.PostAsync("mutation { setPersonalization(input: { enabled: false }) { settings { personalized } errors { code } } }", null, viewer.Token))
            .Ok().GetProperty("setPersonalization");
        Assert.False(off.GetProperty("settings").GetProperty("personalized").GetBoolean());

        var feed = await Api.FeedAsync(viewer.Token, first: 10);
        Assert.False(feed.GetProperty("personalized").GetBoolean());
        var reasons = feed.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())).ToHashSet();
        Assert.Subset(new HashSet<string?> { "POPULAR", "RECENT" }, reasons);
        var partNames = feed.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("scoreParts").EnumerateArray().Select(p => p.GetProperty("name").GetString())).ToHashSet();
        Assert.Subset(new HashSet<string?> { "popularity", "freshness" }, partNames);
        Assert.DoesNotContain(cats[0], feed.Ids());
        Assert.DoesNotContain(cats[3], feed.Ids());
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync("mutation { setPersonalization(input: { enabled: false }) { errors { code } } }")).ErrorCodes);
    }

    [Fact]
    public async Task The_daily_scroll_cap_ends_the_feed_with_a_typed_reason_and_only_the_account_or_an_admin_sets_it()
    {
        var (_, _, viewer) = await SeedAsync();
        var other = await Api.SignUpAsync("other");
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync("mutation($a: ID) { setDailyScrollCap(input: { accountId: $a, cap: 1 }) { errors { code } } }", new { a = viewer.Id }, other.Token)).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync("mutation { setDailyScrollCap(input: { cap: 0 }) { errors { code } } }", null, viewer.Token))
            .UserErrors("setDailyScrollCap"));
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var capped = (await Api.PostAsync("mutation($a: ID) { setDailyScrollCap(input: { accountId: $a, cap: 5 }) { settings { dailyScrollCap } errors { code } } }", new { a = viewer.Id }, admin.Token))
            .Ok().GetProperty("setDailyScrollCap");
        Assert.Equal(5, capped.GetProperty("settings").GetProperty("dailyScrollCap").GetInt32());

        var first = await Api.FeedAsync(viewer.Token, first: 3);
        Assert.Equal(3, first.Ids().Count);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("endReason").ValueKind);
        var second = await Api.FeedAsync(viewer.Token, first: 3, after: first.GetProperty("pageInfo").GetProperty("endCursor").GetString());
        Assert.Equal(2, second.Ids().Count); // only what is left of the cap
        Assert.Equal("DAILY_SCROLL_CAP_REACHED", second.GetProperty("endReason").GetString());
        Assert.False(second.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        // Any kind, any new session: still capped today.
        var again = await Api.FeedAsync(viewer.Token, kind: "TRENDING");
        Assert.Empty(again.Ids());
        Assert.Equal("DAILY_SCROLL_CAP_REACHED", again.GetProperty("endReason").GetString());
        Assert.Equal(5, again.GetProperty("servedToday").GetInt32());
    }

    [Fact]
    public async Task Following_shows_only_followed_creators_newest_first()
    {
        var (cats, _, viewer) = await SeedAsync();
        var maker0 = (await Api.PostAsync("{ account(handle: \"maker0\") { id } }")).Ok().GetProperty("account").GetProperty("id").GetString()!;
        (await Api.SocialAsync("follow", Guid.Parse(maker0), viewer.Token)).Ok();
        var feed = await Api.FeedAsync(viewer.Token, kind: "FOLLOWING");
        var ids = feed.Ids();
        Assert.Equal([cats[4], cats[2], cats[0]], ids);
        Assert.All(feed.GetProperty("items").EnumerateArray(), i => Assert.Equal("FOLLOWED_CREATOR", i.GetProperty("reasons")[0].GetString()));
        Assert.Equal("END_OF_FEED", feed.GetProperty("endReason").GetString());
    }

    [Fact]
    public async Task Assistant_topics_shape_the_feed_only_while_connected_and_disconnecting_deletes_them()
    {
        var (_, cars, viewer) = await SeedAsync();
        var before = await Api.FeedAsync(viewer.Token, first: 4);
        Assert.DoesNotContain(before.GetProperty("items").EnumerateArray(), i => i.GetProperty("reasons").EnumerateArray().Any(r => r.GetString() == "ASSISTANT_TOPICS"));

        var connect = "mutation($t: [AssistantTopicInput!]!) { connectAssistantHistory(input: { topics: $t, source: \"assistant\" }) { errors { code } settings { assistantConnected assistantTopicCount } } }";
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(connect, new { t = new[] { new { topic = "cars", weight = 2.0 } } }, viewer.Token)).UserErrors("connectAssistantHistory"));
        var connected = (await Api.PostAsync(connect, new { t = new[] { new { topic = "race car track", weight = 1.0 }, new { topic = "rally", weight = 0.5 } } }, viewer.Token))
            .Ok().GetProperty("connectAssistantHistory");
        Assert.Equal(2, connected.GetProperty("settings").GetProperty("assistantTopicCount").GetInt32());

        var shaped = await Api.FeedAsync(viewer.Token, first: 4);
        Assert.True(shaped.Ids().Take(2).All(cars.Contains), shaped.ToString());
        Assert.Contains("ASSISTANT_TOPICS", shaped.GetProperty("items")[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        var off = (await Api.PostAsync("mutation { disconnectAssistantHistory(input: {}) { settings { assistantConnected } errors { code } } }", null, viewer.Token)).Ok();
        Assert.False(off.GetProperty("disconnectAssistantHistory").GetProperty("settings").GetProperty("assistantConnected").GetBoolean());
        await using (var query = Host.Store.QuerySession())
            Assert.Null(await query.LoadAsync<Sora.Domain.Privacy.SealedRecord>(
                Sora.Domain.Privacy.PersonalDataVault.RecordId(Sora.Domain.Feed.ImportAssistantTopicsHandler.AssistantTopicsKind, viewer.Id)));
        var after = await Api.FeedAsync(viewer.Token, first: 4);
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), i => i.GetProperty("scoreParts").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "assistant"));
    }
}
