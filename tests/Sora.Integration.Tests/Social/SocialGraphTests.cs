using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Social;

public sealed class SocialGraphTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Lists = """
        query($h: String, $first: Int, $after: String) {
          account(handle: $h) {
            followers(first: $first, after: $after) { edges { cursor node { handle } } pageInfo { hasNextPage hasPreviousPage endCursor } }
            following { edges { node { handle } } }
            mutuals { edges { node { handle } } }
          }
        }
        """;

    [Fact]
    public async Task Follow_and_unfollow_update_both_sides_and_are_idempotent()
    {
        var alice = await Api.SignUpAsync("alice");
        var bob = await Api.SignUpAsync("bob");

        var follow = (await Api.SocialAsync("follow", bob.Id, alice.Token)).Ok().GetProperty("follow");
        Assert.True(follow.GetProperty("account").GetProperty("viewerFollows").GetBoolean());
        (await Api.SocialAsync("follow", bob.Id, alice.Token)).Ok(); // again: no-op

        var bobLists = (await Api.PostAsync(Lists, new { h = "bob" }, bob.Token)).Ok().GetProperty("account");
        Assert.Equal(["alice"], Handles(bobLists.GetProperty("followers")));
        var aliceLists = (await Api.PostAsync(Lists, new { h = "alice" }, bob.Token)).Ok().GetProperty("account");
        Assert.Equal(["bob"], Handles(aliceLists.GetProperty("following")));

        await WaitForProjectionsAsync();
        var counts = (await Api.PostAsync("{ me { followerCount followingCount } }", token: bob.Token)).Ok().GetProperty("me");
        Assert.Equal(1, counts.GetProperty("followerCount").GetInt32());

        var unfollow = (await Api.SocialAsync("unfollow", bob.Id, alice.Token)).Ok().GetProperty("unfollow");
        Assert.False(unfollow.GetProperty("account").GetProperty("viewerFollows").GetBoolean());
        (await Api.SocialAsync("unfollow", bob.Id, alice.Token)).Ok();
        Assert.Empty(Handles((await Api.PostAsync(Lists, new { h = "bob" }, bob.Token)).Ok().GetProperty("account").GetProperty("followers")));

        await WaitForProjectionsAsync();
        var after = (await Api.PostAsync("{ me { followerCount } }", token: bob.Token)).Ok().GetProperty("me");
        Assert.Equal(0, after.GetProperty("followerCount").GetInt32());
    }

    [Fact]
    public async Task Mutuals_are_accounts_following_each_other()
    {
        var alice = await Api.SignUpAsync("alice");
        var bob = await Api.SignUpAsync("bob");
        var carol = await Api.SignUpAsync("carol");
        (await Api.SocialAsync("follow", bob.Id, alice.Token)).Ok();
        (await Api.SocialAsync("follow", alice.Id, bob.Token)).Ok();
        (await Api.SocialAsync("follow", alice.Id, carol.Token)).Ok();

        var lists = (await Api.PostAsync(Lists, new { h = "alice" }, alice.Token)).Ok().GetProperty("account");
        Assert.Equal(["bob"], Handles(lists.GetProperty("mutuals")));
        Assert.Equal(["carol", "bob"], Handles(lists.GetProperty("followers")));
    }

    [Fact]
    public async Task Followers_page_with_cursors_newest_first()
    {
        var star = await Api.SignUpAsync("star");
        var fans = new List<TestAccount>();
        for (var i = 0; i < 5; i++)
        {
            var fan = await Api.SignUpAsync($"fan{i}");
            (await Api.SocialAsync("follow", star.Id, fan.Token)).Ok();
            fans.Add(fan);
        }

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = (await Api.PostAsync(Lists, new { h = "star", first = 2, after }, star.Token)).Ok()
                .GetProperty("account").GetProperty("followers");
            seen.AddRange(Handles(page));
            pages++;
            var info = page.GetProperty("pageInfo");
            Assert.Equal(after is not null, info.GetProperty("hasPreviousPage").GetBoolean());
            if (!info.GetProperty("hasNextPage").GetBoolean()) break;
            after = info.GetProperty("endCursor").GetString();
        }
        Assert.Equal(3, pages);
        Assert.Equal(["fan4", "fan3", "fan2", "fan1", "fan0"], seen);

        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(Lists, new { h = "star", after = "bogus!" }, star.Token)).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(Lists, new { h = "star", first = 101 }, star.Token)).ErrorCodes);
    }

    [Fact]
    public async Task Blocking_ends_follows_both_ways_and_the_blocked_cannot_follow_or_see_the_blocker()
    {
        var alice = await Api.SignUpAsync("alice");
        var troll = await Api.SignUpAsync("troll");
        var carol = await Api.SignUpAsync("carol");
        (await Api.SocialAsync("follow", alice.Id, troll.Token)).Ok();
        (await Api.SocialAsync("follow", troll.Id, alice.Token)).Ok();
        (await Api.SocialAsync("follow", carol.Id, alice.Token)).Ok();

        var block = (await Api.SocialAsync("block", troll.Id, alice.Token)).Ok().GetProperty("block").GetProperty("account");
        Assert.True(block.GetProperty("viewerBlocks").GetBoolean());
        Assert.False(block.GetProperty("viewerFollows").GetBoolean());
        Assert.False(block.GetProperty("followsViewer").GetBoolean());

        // The blocked account is refused, and cannot tell the blocker from a missing account.
        Assert.Equal(["FORBIDDEN"], (await Api.SocialAsync("follow", alice.Id, troll.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("query($h: String) { account(handle: $h) { id } }", new { h = "alice" }, troll.Token)).ErrorCodes);
        var carolFollowing = (await Api.PostAsync(Lists, new { h = "carol" }, troll.Token)).Ok().GetProperty("account").GetProperty("followers");
        Assert.DoesNotContain("alice", Handles(carolFollowing));
        // Others still see alice where she is.
        Assert.Contains("alice", Handles((await Api.PostAsync(Lists, new { h = "carol" }, carol.Token)).Ok().GetProperty("account").GetProperty("followers")));

        // The blocker must unblock before following, and sees whom she blocks; nobody else does.
        Assert.Equal(["BLOCKED"], (await Api.SocialAsync("follow", troll.Id, alice.Token)).UserErrors("follow"));
        var blocked = (await Api.PostAsync("{ me { blockedAccounts { edges { node { handle } } } } }", token: alice.Token)).Ok()
            .GetProperty("me").GetProperty("blockedAccounts");
        Assert.Equal(["troll"], Handles(blocked));
        Assert.Equal(["FORBIDDEN"],
            (await Api.PostAsync("query($h: String) { account(handle: $h) { blockedAccounts { edges { cursor } } } }", new { h = "alice" }, carol.Token)).ErrorCodes);

        (await Api.SocialAsync("unblock", troll.Id, alice.Token)).Ok();
        Assert.Empty((await Api.SocialAsync("follow", alice.Id, troll.Token)).UserErrors("follow"));
    }

    [Theory]
    [InlineData("follow")]
    [InlineData("unfollow")]
    [InlineData("block")]
    [InlineData("unblock")]
    public async Task Every_social_mutation_refuses_anonymous_callers_unknown_targets_and_self(string mutation)
    {
        var alice = await Api.SignUpAsync("alice");
        var bob = await Api.SignUpAsync("bob");

        Assert.Equal(["UNAUTHENTICATED"], (await Api.SocialAsync(mutation, bob.Id, token: null)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.SocialAsync(mutation, Guid.NewGuid(), alice.Token)).ErrorCodes);
        Assert.Equal(["CANNOT_TARGET_SELF"], (await Api.SocialAsync(mutation, alice.Id, alice.Token)).UserErrors(mutation));
        Assert.Equal(["BAD_USER_INPUT"],
            (await Api.PostAsync($"mutation {{ {mutation}(input: {{ accountId: \"nope\" }}) {{ errors {{ code }} }} }}", token: alice.Token)).ErrorCodes);
    }

    [Fact]
    public async Task A_blocked_user_is_refused_by_every_social_mutation_that_would_reach_the_blocker()
    {
        var alice = await Api.SignUpAsync("alice");
        var troll = await Api.SignUpAsync("troll");
        (await Api.SocialAsync("block", troll.Id, alice.Token)).Ok();

        Assert.Equal(["FORBIDDEN"], (await Api.SocialAsync("follow", alice.Id, troll.Token)).ErrorCodes);
        // Unfollowing, blocking back and unblocking are the troll's own business and stay allowed.
        Assert.Empty((await Api.SocialAsync("unfollow", alice.Id, troll.Token)).UserErrors("unfollow"));
        Assert.Empty((await Api.SocialAsync("block", alice.Id, troll.Token)).UserErrors("block"));
        // Unblocking does not lift alice's block on the troll.
        Assert.Empty((await Api.SocialAsync("unblock", alice.Id, troll.Token)).UserErrors("unblock"));
        Assert.Equal(["FORBIDDEN"], (await Api.SocialAsync("follow", alice.Id, troll.Token)).ErrorCodes);
    }

    [Fact]
    public async Task Concurrent_follows_and_a_block_leave_a_consistent_relationship()
    {
        var alice = await Api.SignUpAsync("alice");
        var bob = await Api.SignUpAsync("bob");
        var calls = Enumerable.Range(0, 10).Select(_ => Api.SocialAsync("follow", alice.Id, bob.Token))
            .Append(Api.SocialAsync("block", bob.Id, alice.Token));
        var results = await Task.WhenAll(calls);
        // Every call got a typed answer: success, or FORBIDDEN for follows that came after the block.
        Assert.All(results, r => Assert.All(r.ErrorCodes, code => Assert.Equal("FORBIDDEN", code)));

        // Whatever the order, after the block commits bob does not follow alice and the edges agree.
        var lists = (await Api.PostAsync(Lists, new { h = "alice" }, alice.Token)).Ok().GetProperty("account");
        await using var session = Host.Store.QuerySession();
        var history = string.Join("; ", (await session.Events.FetchStreamAsync(Sora.Domain.Social.Relationship.IdFor(alice.Id, bob.Id)))
            .Select(e => $"{e.Version}:{e.EventTypeName}:{System.Text.Json.JsonSerializer.Serialize(e.Data)}"));
        var answers = string.Join("; ", results.Select(r => r.Body.ToString()));
        Assert.True(Handles(lists.GetProperty("followers")).Count == 0, $"alice={alice.Id} bob={bob.Id} history: {history} answers: {answers}");
        var relationship = await session.LoadAsync<Sora.Domain.Social.Relationship>(Sora.Domain.Social.Relationship.IdFor(alice.Id, bob.Id));
        Assert.NotNull(relationship);
        Assert.False(relationship.Follows(bob.Id));
        Assert.True(relationship.Blocks(alice.Id));
    }

    private static List<string> Handles(System.Text.Json.JsonElement connection) =>
        connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("handle").GetString()!).ToList();
}
