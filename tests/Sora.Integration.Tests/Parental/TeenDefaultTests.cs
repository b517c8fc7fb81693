using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Parental;

/// <summary>Defaults every teen has, with or without a parent.</summary>
public sealed class TeenDefaultTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Search = "query($q: String!) { searchVideos(query: $q, first: 10) { edges { node { id } } pageInfo { hasNextPage } } }";

    private async Task<List<Guid>> FindAsync(string query, TestAccount? viewer) =>
        (await Api.PostAsync(Search, new { q = query }, viewer?.Token)).Ok().GetProperty("searchVideos").Nodes()
        .Select(n => Guid.Parse(n.GetProperty("id").GetString()!)).ToList();

    [Fact]
    public async Task A_teens_videos_appear_in_search_only_to_teens_and_to_adults_the_teen_follows()
    {
        var teen = await Api.SignUpTeenAsync("kid");
        var friend = await Api.SignUpTeenAsync("classmate");
        var coach = await Api.SignUpAsync("coach");
        var stranger = await Api.SignUpAsync("stranger");
        var adult = await Api.SignUpAsync("grownup");
        var kite = await Host.PublishedVideoAsync(teen, "a red kite over the beach");
        var adults = await Host.PublishedVideoAsync(adult, "a blue kite over the dunes");

        Assert.Equal([adults], await FindAsync("kite", stranger));
        Assert.Equal([adults], await FindAsync("kite", null));
        Assert.Equal([adults, kite], await FindAsync("kite", friend));
        Assert.Equal([adults, kite], await FindAsync("kite", teen));

        // The teen follows the coach: the coach finds the teen's video. The coach following the teen is not enough.
        (await Api.SocialAsync("follow", teen.Id, stranger.Token)).Ok();
        Assert.Equal([adults], await FindAsync("kite", stranger));
        (await Api.SocialAsync("follow", coach.Id, teen.Token)).Ok();
        Assert.Equal([adults, kite], await FindAsync("kite", coach));
    }

    [Fact]
    public async Task A_page_of_search_stays_full_when_teens_videos_are_left_out()
    {
        var teens = new[] { await Api.SignUpTeenAsync("kid_one"), await Api.SignUpTeenAsync("kid_two") };
        var adult = await Api.SignUpAsync("grownup");
        var stranger = await Api.SignUpAsync("stranger");
        var now = DateTimeOffset.UtcNow;
        // The newest matches are the teens': an adult's first page must still hold three adult videos, and the next page the rest.
        for (var i = 0; i < 4; i++) await Host.PublishedVideoAsync(teens[i % 2], $"a lantern festival, teen take {i}", now.AddMinutes(-i));
        var adults = new List<Guid>();
        for (var i = 0; i < 4; i++) adults.Add(await Host.PublishedVideoAsync(adult, $"a lantern festival, adult take {i}", now.AddMinutes(-10 - i)));

        var first = (await Api.PostAsync("query { searchVideos(query: \"lantern\", first: 3) { edges { node { id } } pageInfo { hasNextPage endCursor } } }", token: stranger.Token))
            .Ok().GetProperty("searchVideos");
        Assert.Equal(adults.Take(3), first.Nodes().Select(n => Guid.Parse(n.GetProperty("id").GetString()!)));
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var next = (await Api.PostAsync("query($a: String) { searchVideos(query: \"lantern\", first: 3, after: $a) { edges { node { id } } pageInfo { hasNextPage } } }",
            new { a = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() }, stranger.Token)).Ok().GetProperty("searchVideos");
        Assert.Equal([adults[3]], next.Nodes().Select(n => Guid.Parse(n.GetProperty("id").GetString()!)));
    }
}
