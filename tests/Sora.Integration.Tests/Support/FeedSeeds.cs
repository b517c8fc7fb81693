using System.Text.Json;
using Sora.Domain.Generations;
using Xunit;

namespace Sora.Integration.Tests.Support;

/// <summary>
/// Published videos for feed tests, through the generation's own events (request, rendered, published) so that
/// dozens of videos cost milliseconds; the render path itself is covered by the generation tests (and one feed test
/// renders a real cameo video).
/// </summary>
public static class FeedSeeds
{
    public static async Task<Guid> PublishedVideoAsync(this RunningHost host, TestAccount author, string prompt, DateTimeOffset? at = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        var id = await host.DraftVideoAsync(author, prompt, now);
        await using var session = host.Store.LightweightSession();
        session.Events.Append(id, new VideoPublished(id, author.Id, now));
        await session.SaveChangesAsync();
        return id;
    }

    /// <summary>A rendered video that its creator has not published.</summary>
    public static async Task<Guid> DraftVideoAsync(this RunningHost host, TestAccount author, string prompt, DateTimeOffset? at = null)
    {
        var id = Guid.CreateVersion7();
        var now = at ?? DateTimeOffset.UtcNow;
        await using var session = host.Store.LightweightSession();
        session.Events.StartStream<Generation>(id,
            new GenerationRequested(id, author.Id, author.Handle, prompt, 5, VideoAspect.Square1x1, VideoResolution.Sd480, 7, null, null, [],
                1, 1, 0, DateOnly.FromDateTime(now.UtcDateTime), $"seed-{id:N}", now),
            new GenerationRendered(id, author.Id, "seeded", "seeded", 480, 480, 5, 1, "seeded", "sora-cppn-1", "cpu", now));
        await session.SaveChangesAsync();
        return id;
    }

    public const string FeedQuery = """
        query($kind: FeedKind, $first: Int, $after: String) {
          feed(kind: $kind, first: $first, after: $after) {
            items { video { id prompt creator { handle } } score reasons scoreParts { name value } }
            pageInfo { hasNextPage endCursor } endReason region personalized dailyScrollCap servedToday
          }
        }
        """;

    public static async Task<JsonElement> FeedAsync(this GraphQLClient api, string token, string kind = "FOR_YOU", int first = 10, string? after = null,
        string? forwardedFor = null) =>
        (await api.PostAsync(FeedQuery, new { kind, first, after }, token, forwardedFor: forwardedFor)).Ok().GetProperty("feed");

    public static List<Guid> Ids(this JsonElement feed) =>
        feed.GetProperty("items").EnumerateArray().Select(i => Guid.Parse(i.GetProperty("video").GetProperty("id").GetString()!)).ToList();

    public static async Task SignalAsync(this GraphQLClient api, string mutation, Guid videoId, string token)
    {
        var payload = (await api.PostAsync($"mutation($id: ID!) {{ {mutation}(input: {{ videoId: $id }}) {{ video {{ id }} errors {{ code }} }} }}", new { id = videoId }, token))
            .Ok().GetProperty(mutation);
        Assert.Equal(videoId.ToString(), payload.GetProperty("video").GetProperty("id").GetString());
    }

    public static async Task<GqlResponse> ViewAsync(this GraphQLClient api, Guid videoId, string token, int watchedMs = 5000, bool completed = true,
        string? forwardedFor = null) =>
        await api.PostAsync("mutation($id: ID!, $ms: Int!, $done: Boolean!) { recordView(input: { videoId: $id, watchedMs: $ms, completed: $done }) { video { id } errors { code field } } }",
            new { id = videoId, ms = watchedMs, done = completed }, token, forwardedFor: forwardedFor);
}
