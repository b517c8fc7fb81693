using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Sora.Integration.Tests.Support;

/// <summary>Generation through the public API: requests over HTTP, progress over the generationUpdated subscription.</summary>
public static class GenerationFlow
{
    public const string Request = """
        mutation($input: RequestGenerationInput!) {
          requestGeneration(input: $input) { generation { id state price cameos { handle receiptHash } } price { base surge total queueDepth } queuePosition errors { code field message } }
        }
        """;

    public static object Input(string prompt, string clientRequestId, int duration = 5, string? image = null, Guid? remixOf = null, string resolution = "SD_480P") =>
        new { prompt, durationSeconds = duration, aspect = "SQUARE_1_1", resolution, clientRequestId, image, remixOf, seed = "11" };

    public static async Task<Guid> RequestAsync(this GraphQLClient api, string token, object input)
    {
        var payload = (await api.PostAsync(Request, new { input }, token)).Ok().GetProperty("requestGeneration");
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, payload.ToString());
        return Guid.Parse(payload.GetProperty("generation").GetProperty("id").GetString()!);
    }

    /// <summary>Subscribes to generationUpdated and collects states until a terminal one (READY, FAILED, BLOCKED, CANCELLED).</summary>
    public static async Task<List<JsonObject>> FollowAsync(WsClient ws, Guid id, Func<JsonObject, Task>? onUpdate = null)
    {
        await ws.SubscribeAsync("g", "subscription($id: ID!) { generationUpdated(id: $id) { generationId state percent reason queuePosition } }",
            new JsonObject { ["id"] = id.ToString() });
        var updates = new List<JsonObject>();
        while (true)
        {
            var message = await ws.ReceiveAsync();
            Assert.Equal("next", message["type"]!.GetValue<string>());
            var update = message["payload"]!["data"]!["generationUpdated"]!.AsObject();
            updates.Add(update);
            if (onUpdate is not null) await onUpdate(update);
            if (update["state"]!.GetValue<string>() is "READY" or "FAILED" or "BLOCKED" or "CANCELLED") return updates;
        }
    }

    public static async Task<JsonElement> VideoAsync(this GraphQLClient api, Guid id, string? token) =>
        (await api.PostAsync("query($id: ID!) { video(id: $id) { id status url posterUrl width height durationSeconds creator { handle } remixOf { id } remixes { edges { node { id } } } provenance { state valid signer activeManifest actions { action digitalSourceType ingredients } ingredients { relationship instanceId activeManifest manifestState } receipts failures { code } problem } posterProvenance { state activeManifest failures { code } } } }",
            new { id }, token)).Body;

    public static async Task<int> CreditsAsync(this GraphQLClient api, string token)
    {
        var credits = (await api.PostAsync("{ myCredits { balance freeQuotaLeft } }", null, token)).Ok().GetProperty("myCredits");
        return credits.GetProperty("balance").GetInt32() + credits.GetProperty("freeQuotaLeft").GetInt32();
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string token, byte[] body, string contentType = "image/jpeg")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/media/uploads") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
