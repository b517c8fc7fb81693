using System.Net;
using System.Text.Json;
using Xunit;

namespace Sora.Integration.Tests.Support;

/// <summary>What the consent tests do through the public API: uploads, grants, renders, and where a video shows.</summary>
public static class LikenessFlow
{
    public const string Request = """
        mutation($input: RequestGenerationInput!) {
          requestGeneration(input: $input) { generation { id cameos { cameoId handle useId receiptHash path } } errors { code field message } }
        }
        """;

    public const string Usages = """
        query($id: ID!) { cameo(id: $id) { usages(first: 50) { edges { node {
          id path right grantId status withdrawnReason receiptHash sourceVideoId parentUseId requester { handle } } } } } }
        """;

    /// <summary>Uploads a fixture image for image-to-video; its media id.</summary>
    public static async Task<string> UploadImageAsync(this RunningHost host, TestAccount who, string fixture)
    {
        using var upload = await GenerationFlow.UploadAsync(host.Http, who.Token, await File.ReadAllBytesAsync(CameoSeeds.Fixture(fixture)),
            fixture.EndsWith(".png") ? "image/png" : "image/jpeg");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        return JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>requestGeneration's payload (generation and errors): tests read a refusal from it with <see cref="Codes"/>.</summary>
    public static async Task<JsonElement> GenerateAsync(this GraphQLClient api, string token, object input) =>
        (await api.PostAsync(Request, new { input }, token)).Payload("requestGeneration");

    public static IReadOnlyList<string> Codes(this JsonElement payload) =>
        payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();

    public static Guid Id(this JsonElement payload)
    {
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, payload.ToString());
        return Guid.Parse(payload.GetProperty("generation").GetProperty("id").GetString()!);
    }

    public static JsonElement[] Cameos(this JsonElement payload) => payload.GetProperty("generation").GetProperty("cameos").EnumerateArray().ToArray();

    public static async Task<Guid> GrantAsync(this GraphQLClient api, Guid cameo, Guid grantee, string ownerToken, int? maxUses = null)
    {
        var payload = (await api.PostAsync("mutation($i: GrantCameoAccessInput!) { grantCameoAccess(input: $i) { grantId errors { code } } }",
            new { i = new { cameoId = cameo, accountId = grantee, maxUses } }, ownerToken)).Ok().GetProperty("grantCameoAccess");
        return Guid.Parse(payload.GetProperty("grantId").GetString()!);
    }

    public static async Task RevokeAsync(this GraphQLClient api, Guid cameo, Guid grant, string ownerToken) =>
        (await api.PostAsync("mutation($i: RevokeCameoGrantInput!) { revokeCameoGrant(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, grantId = grant } }, ownerToken)).Ok();

    public static async Task SetAudienceAsync(this GraphQLClient api, Guid cameo, string audience, string ownerToken) =>
        (await api.PostAsync("mutation($input: SetCameoAudienceInput!) { setCameoAudience(input: $input) { errors { code } } }",
            new { input = new { cameoId = cameo, audience } }, ownerToken)).Ok();

    public static async Task<JsonElement[]> UsagesAsync(this GraphQLClient api, Guid cameo, string ownerToken) =>
        (await api.PostAsync(Usages, new { id = cameo }, ownerToken)).Ok().GetProperty("cameo").GetProperty("usages").GetProperty("edges")
        .EnumerateArray().Select(e => e.GetProperty("node")).ToArray();

    /// <summary>Follows the render to READY, publishes, and returns the video's signed media URL.</summary>
    public static async Task<string> RenderAndPublishAsync(this RunningHost host, GraphQLClient api, TestAccount creator, Guid id)
    {
        await using (var ws = await WsClient.ConnectAndInitAsync(host.WebSocketUri, creator.Token))
            Assert.Equal("READY", (await GenerationFlow.FollowAsync(ws, id))[^1]["state"]!.GetValue<string>());
        (await api.PostAsync("mutation($id: ID!) { publishVideo(input: { generationId: $id }) { errors { code } } }", new { id }, creator.Token)).Ok();
        var video = (await api.VideoAsync(id, creator.Token)).GetProperty("data").GetProperty("video");
        Assert.Equal("PUBLISHED", video.GetProperty("status").GetString());
        return video.GetProperty("url").GetString()!;
    }

    /// <summary>
    /// Waits, on the generationUpdated subscription (first the state now, then each change), until the generation is
    /// BLOCKED: the review that follows a withdrawal runs after its commit, and a test must not leave it running.
    /// </summary>
    public static async Task WaitForBlockedAsync(this RunningHost host, TestAccount creator, Guid id)
    {
        await using var ws = await WsClient.ConnectAndInitAsync(host.WebSocketUri, creator.Token);
        await ws.SubscribeAsync("b", "subscription($id: ID!) { generationUpdated(id: $id) { state } }", new System.Text.Json.Nodes.JsonObject { ["id"] = id.ToString() });
        while (true)
        {
            var message = await ws.ReceiveAsync();
            Assert.Equal("next", message["type"]!.GetValue<string>());
            if (message["payload"]!["data"]!["generationUpdated"]!["state"]!.GetValue<string>() == "BLOCKED") return;
        }
    }

    /// <summary>Waits for a render to end (READY, FAILED, BLOCKED or CANCELLED), so no job outlives its test.</summary>
    public static async Task<string> WaitForGenerationToSettleAsync(this RunningHost host, TestAccount creator, Guid id)
    {
        await using var ws = await WsClient.ConnectAndInitAsync(host.WebSocketUri, creator.Token);
        return (await GenerationFlow.FollowAsync(ws, id))[^1]["state"]!.GetValue<string>();
    }

    /// <summary>The auditor's consent export of a cameo (jsonl), one JSON element per record, chain verification last.</summary>
    public static async Task<JsonElement[]> ExportAsync(this RunningHost host, Guid cameo, TestAccount auditor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/audit/cameos/{cameo}/export?format=jsonl");
        request.Headers.Authorization = new("Bearer", auditor.Token);
        using var response = await host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();
    }

    private const string Search = "query($q: String!) { searchVideos(query: $q, first: 50) { edges { node { id } } } }";

    private static async Task<List<Guid>> SearchAsync(GraphQLClient api, string word, string? token) =>
        (await api.PostAsync(Search, new { q = word }, token)).Ok().GetProperty("searchVideos").GetProperty("edges").EnumerateArray()
        .Select(e => Guid.Parse(e.GetProperty("node").GetProperty("id").GetString()!)).ToList();

    /// <summary>The public sees the video: by id, in the viewer's feed, in search for a word of its prompt, and its media.</summary>
    public static async Task AssertPublicAsync(this RunningHost host, GraphQLClient api, Guid id, string mediaUrl, string word, TestAccount viewer)
    {
        Assert.Equal("PUBLISHED", (await api.VideoAsync(id, viewer.Token)).GetProperty("data").GetProperty("video").GetProperty("status").GetString());
        Assert.Contains(id, (await api.FeedAsync(viewer.Token, first: 50)).Ids());
        Assert.Contains(id, await SearchAsync(api, word, null));
        using var media = await host.Http.GetAsync(mediaUrl);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
    }

    /// <summary>Gone for everyone named and for the anonymous caller: by id, feeds, search and the media link.</summary>
    public static async Task AssertGoneAsync(this RunningHost host, GraphQLClient api, Guid id, string mediaUrl, string word, params TestAccount[] viewers)
    {
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await api.VideoAsync(id, null)));
        foreach (var viewer in viewers)
        {
            Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await api.VideoAsync(id, viewer.Token)));
            Assert.DoesNotContain(id, (await api.FeedAsync(viewer.Token, first: 50)).Ids());
            Assert.DoesNotContain(id, await SearchAsync(api, word, viewer.Token));
        }
        Assert.DoesNotContain(id, await SearchAsync(api, word, null));
        using var media = await host.Http.GetAsync(mediaUrl);
        Assert.Equal(HttpStatusCode.NotFound, media.StatusCode);
    }
}
