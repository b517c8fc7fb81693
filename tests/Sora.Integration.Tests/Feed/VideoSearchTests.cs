using Sora.Projections.Feed;
using System.Text.Json;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Feed;

/// <summary>searchVideos finds what the public may see by its prompt, and nothing else.</summary>
public sealed class VideoSearchTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Search = """
        query($q: String!, $first: Int, $after: String) {
          searchVideos(query: $q, first: $first, after: $after) {
            edges { cursor node { id prompt creator { handle } } }
            pageInfo { hasNextPage hasPreviousPage endCursor }
          }
        }
        """;

    private async Task<JsonElement> SearchAsync(string q, string? token = null, int? first = null, string? after = null) =>
        (await Api.PostAsync(Search, new { q, first, after }, token)).Ok().GetProperty("searchVideos");

    private static List<Guid> Ids(JsonElement connection) =>
        connection.GetProperty("edges").EnumerateArray().Select(e => Guid.Parse(e.GetProperty("node").GetProperty("id").GetString()!)).ToList();

    [Fact]
    public async Task Prompts_match_by_stem_and_phrase_newest_first_page_by_page_for_anyone()
    {
        var maker = await Api.SignUpAsync("maker");
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var lighthouses = new List<Guid>();
        for (var i = 0; i < 5; i++)
            lighthouses.Add(await Host.PublishedVideoAsync(maker, $"a red lighthouse in a storm, wide shot {i}", start.AddMinutes(i)));
        var other = await Host.PublishedVideoAsync(maker, "a quiet harbour at dawn", start.AddMinutes(10));
        var newestFirst = Enumerable.Reverse(lighthouses).ToList();

        // Anonymous, plural for singular, two pages of 2 and one of 1.
        var seen = new List<Guid>();
        string? after = null;
        for (var page = 0; page < 3; page++)
        {
            var result = await SearchAsync("Lighthouses", first: 2, after: after);
            seen.AddRange(Ids(result));
            Assert.Equal(page < 2, result.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
            Assert.Equal(page > 0, result.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
            after = result.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        Assert.Equal(newestFirst, seen);

        var viewer = await Api.SignUpAsync("viewer");
        Assert.Equal([other], Ids(await SearchAsync("harbour", viewer.Token)));
        Assert.Equal([lighthouses[3]], Ids(await SearchAsync("\"wide shot 3\"", viewer.Token)));
        Assert.Equal(newestFirst, Ids(await SearchAsync("lighthouse -harbour", viewer.Token)));
        Assert.Empty(Ids(await SearchAsync("submarine", viewer.Token)));
        Assert.Empty(Ids(await SearchAsync("the", viewer.Token))); // only a stop word: nothing to match, no error
    }

    [Fact]
    public async Task Drafts_withdrawn_videos_and_accounts_in_a_block_never_show_up()
    {
        var maker = await Api.SignUpAsync("maker");
        var troll = await Api.SignUpAsync("troll");
        var viewer = await Api.SignUpAsync("viewer");
        var draft = await Host.DraftVideoAsync(maker, "a glass octopus, still a draft");
        var withdrawn = await Host.PublishedVideoAsync(maker, "a glass octopus that was withdrawn");
        var shown = await Host.PublishedVideoAsync(maker, "a glass octopus in a tide pool");
        var trolls = await Host.PublishedVideoAsync(troll, "a glass octopus by the troll");
        var viewers = await Host.PublishedVideoAsync(viewer, "a glass octopus by the viewer");
        (await Api.PostAsync("mutation($id: ID!) { withdrawVideo(input: { generationId: $id }) { errors { code } } }", new { id = withdrawn }, maker.Token)).Ok();
        (await Api.SocialAsync("block", troll.Id, viewer.Token)).Ok();

        Assert.Equal([viewers, trolls, shown], Ids(await SearchAsync("octopus")));   // anonymous: every public one
        Assert.Equal([viewers, shown], Ids(await SearchAsync("octopus", viewer.Token))); // the viewer blocks the troll...
        Assert.Equal([trolls, shown], Ids(await SearchAsync("octopus", troll.Token)));   // ...so the troll no longer finds the viewer
        Assert.DoesNotContain(draft, Ids(await SearchAsync("draft", maker.Token)));  // no search shows a draft, not even its creator's
        Assert.Empty(Ids(await SearchAsync("withdrawn", maker.Token)));
    }

    [Fact]
    public async Task Bad_searches_are_refused_with_a_typed_error()
    {
        var viewer = await Api.SignUpAsync("viewer");
        var feedCursor = (await Api.FeedAsync(viewer.Token)).GetProperty("pageInfo").GetProperty("endCursor").GetString();
        foreach (var (q, first, after) in new (string, int?, string?)[]
                 {
                     ("", null, null), ("   ", null, null), (new string('a', 201), null, null), ("cat", 0, null), ("cat", 51, null),
                     ("cat", null, "not-a-cursor"), ("cat", null, feedCursor ?? "ZmVlZDp4"),
                 })
            Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(Search, new { q, first, after }, viewer.Token)).ErrorCodes);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], (await Api.PostAsync("{ searchVideos { edges { cursor } } }", null, viewer.Token)).ErrorCodes);
    }
}
