using System.Net;
using System.Text.Json;
using Marten;
using Sora.Domain.Generations;
using Sora.Integration.Tests.Support;
using Sora.Render.Media;
using Xunit;

namespace Sora.Integration.Tests.Generations;

/// <summary>Request to playable MP4 through GraphQL and the generationUpdated subscription, with the real render stack.</summary>
public sealed class GenerationFlowTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private async Task<string> DownloadAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Host.Http.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK) return "";
        var path = Path.Combine(Path.GetTempPath(), $"sora-it-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    [Fact]
    public async Task Text_to_video_goes_from_request_to_a_playable_signed_draft_that_only_its_creator_sees_until_published()
    {
        var maker = await Api.SignUpAsync("maker");
        var viewer = await Api.SignUpAsync("viewer");
        var id = await Api.RequestAsync(maker.Token, GenerationFlow.Input("a paper boat sails across a puddle and says \"ahoy\"", "t2v-1"));
        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, maker.Token);
        var states = (await GenerationFlow.FollowAsync(ws, id)).Select(u => u["state"]!.GetValue<string>()).ToList();
        Assert.Equal("READY", states[^1]);
        Assert.Contains("RENDERING", states);
        Assert.Contains("ENCODING", states);

        // Where the render's time went, from the worker's measurements; the stages overlap, so each is within the render.
        var timings = (await Api.PostAsync("query($id: ID!) { generation(id: $id) { timings { queuedMs modelMs compositingMs soundMs encodingMs encoderWaitMs signingMs storingMs renderMs totalMs } } }",
            new { id }, maker.Token)).Ok().GetProperty("generation").GetProperty("timings");
        int Ms(string name) => timings.GetProperty(name).GetInt32();
        foreach (var stage in new[] { "modelMs", "compositingMs", "soundMs", "encodingMs" }) Assert.InRange(Ms(stage), 1, Ms("renderMs"));
        Assert.InRange(Ms("encoderWaitMs"), 0, Ms("encodingMs"));
        Assert.InRange(Ms("storingMs"), 0, Ms("renderMs"));
        Assert.InRange(Ms("queuedMs") + Ms("renderMs"), 0, Ms("totalMs"));

        // A draft: its creator sees it, nobody else does (GraphQL and media alike).
        var draft = (await Api.VideoAsync(id, maker.Token)).GetProperty("data").GetProperty("video");
        Assert.Equal("DRAFT", draft.GetProperty("status").GetString());
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(id, viewer.Token)));
        var provenance = draft.GetProperty("provenance");
        Assert.Equal("TRUSTED", provenance.GetProperty("state").GetString());
        Assert.True(provenance.GetProperty("valid").GetBoolean(), provenance.ToString());
        Assert.Equal("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
            provenance.GetProperty("actions")[0].GetProperty("digitalSourceType").GetString());
        // The official C2PA reader, given this instance's CA, says of the stored files what the API says.
        var anchor = await File.ReadAllTextAsync(Path.Combine(TestSettings.ProvenanceDirectory, "ca.pem"));
        foreach (var (field, link, format) in new[] { ("provenance", "url", "video/mp4"), ("posterProvenance", "posterUrl", "image/jpeg") })
        {
            using var media = await Host.Http.GetAsync(draft.GetProperty(link).GetString()!);
            var read = await Sora.Tests.Shared.OfficialReader.ReadAsync(await media.Content.ReadAsByteArrayAsync(), format, anchor);
            Assert.Equal(("Trusted", draft.GetProperty(field).GetProperty("activeManifest").GetString()),
                (read.GetProperty("validationState").GetString(), read.GetProperty("activeLabel").GetString()));
            Assert.Equal("TRUSTED", draft.GetProperty(field).GetProperty("state").GetString());
        }

        var path = await DownloadAsync(draft.GetProperty("url").GetString()!);
        try
        {
            var info = await MediaProbe.ProbeAsync(path);
            Assert.Equal(("h264", "aac"), (info!.VideoCodec, info.AudioCodec));
            Assert.Equal((480, 480), (info.Width, info.Height));
            Assert.InRange(info.Duration.TotalSeconds, 4.9, 5.1);
            var decoded = await MediaDecoder.DecodeAsync(path, 1, 64, TimeSpan.FromSeconds(10));
            Assert.True(decoded.DecodedCleanly, decoded.Errors);
        }
        finally
        {
            File.Delete(path);
        }
        // Range requests (players seek) and a signed link that cannot be reused for other media.
        var url = draft.GetProperty("url").GetString()!;
        using (var range = new HttpRequestMessage(HttpMethod.Get, url))
        {
            range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);
            using var partial = await Host.Http.SendAsync(range);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal("video/mp4", partial.Content.Headers.ContentType!.MediaType);
            Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        }
        var posterId = draft.GetProperty("posterUrl").GetString()!.Split('?')[0];
        await DownloadAsync(posterId + "?" + url.Split('?')[1], HttpStatusCode.Forbidden);
        // Someone else's signed link to the same draft: refused.
        var stolen = (await Api.PostAsync("query($id: ID!) { generation(id: $id) { video { url } } }", new { id }, viewer.Token));
        Assert.Equal(["NOT_FOUND"], stolen.ErrorCodes);

        // Publishing: only the creator, and then everyone sees it.
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Lifecycle("publishVideo"), new { id }, viewer.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Lifecycle("publishVideo"), new { id }, null)).ErrorCodes);
        (await Api.PostAsync(Lifecycle("publishVideo"), new { id }, maker.Token)).Ok();
        var published = (await Api.VideoAsync(id, viewer.Token)).GetProperty("data").GetProperty("video");
        Assert.Equal("PUBLISHED", published.GetProperty("status").GetString());
        Assert.Equal("maker", published.GetProperty("creator").GetProperty("handle").GetString());
        File.Delete(await DownloadAsync(published.GetProperty("url").GetString()!));

        // The same clientRequestId again: the same generation, not charged twice.
        var credits = await Api.CreditsAsync(maker.Token);
        Assert.Equal(id, await Api.RequestAsync(maker.Token, GenerationFlow.Input("a paper boat sails across a puddle and says \"ahoy\"", "t2v-1")));
        Assert.Equal(credits, await Api.CreditsAsync(maker.Token));
    }

    [Fact]
    public async Task The_world_style_says_what_it_understood_and_the_abstract_style_is_the_cppn()
    {
        var maker = await Api.SignUpAsync("maker");
        var world = await Api.RequestAsync(maker.Token, GenerationFlow.Input("two red balls bouncing on a beach at sunset", "world-1"));
        var abstractStyle = await Api.RequestAsync(maker.Token, new
        {
            prompt = "two red balls bouncing on a beach at sunset", durationSeconds = 5, aspect = "SQUARE_1_1", resolution = "SD_480P",
            clientRequestId = "abstract-1", seed = "11", style = "ABSTRACT",
        });
        foreach (var id in new[] { world, abstractStyle })
        {
            await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, maker.Token);
            Assert.Equal("READY", (await GenerationFlow.FollowAsync(ws, id))[^1]["state"]!.GetValue<string>());
        }
        const string query = "query($id: ID!) { generation(id: $id) { style scene { setting timeOfDay weather camera unknownWords " +
                             "subjects { kind colour size count action cameo } } } video(id: $id) { model } }";

        var planned = (await Api.PostAsync(query, new { id = world }, maker.Token)).Ok();
        Assert.Equal("WORLD", planned.GetProperty("generation").GetProperty("style").GetString());
        Assert.Equal("sora-world-1", planned.GetProperty("video").GetProperty("model").GetString());
        var scene = planned.GetProperty("generation").GetProperty("scene");
        Assert.Equal(("beach", "sunset"), (scene.GetProperty("setting").GetString(), scene.GetProperty("timeOfDay").GetString()));
        var ball = Assert.Single(scene.GetProperty("subjects").EnumerateArray());
        Assert.Equal(("ball", "red", 2, "bounce"), (ball.GetProperty("kind").GetString(), ball.GetProperty("colour").GetString(),
            ball.GetProperty("count").GetInt32(), ball.GetProperty("action").GetString()));
        Assert.Equal(JsonValueKind.Null, ball.GetProperty("cameo").ValueKind);

        var cppn = (await Api.PostAsync(query, new { id = abstractStyle }, maker.Token)).Ok();
        Assert.Equal("ABSTRACT", cppn.GetProperty("generation").GetProperty("style").GetString());
        Assert.Equal("sora-cppn-1", cppn.GetProperty("video").GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, cppn.GetProperty("generation").GetProperty("scene").ValueKind);

        // A style the schema does not know is refused before anything is written.
        var bad = await Api.PostAsync(GenerationFlow.Request, new
        {
            input = new { prompt = "x", durationSeconds = 5, aspect = "SQUARE_1_1", resolution = "SD_480P", clientRequestId = "bad-1", style = "OIL_PAINT" },
        }, maker.Token);
        Assert.NotEmpty(bad.ErrorCodes);
    }

    [Fact]
    public async Task Image_to_video_and_remix_keep_their_inputs_and_lineage()
    {
        var maker = await Api.SignUpAsync("maker");
        var remixer = await Api.SignUpAsync("remixer");
        using var upload = await GenerationFlow.UploadAsync(Host.Http, maker.Token, await File.ReadAllBytesAsync(CameoSeeds.Fixture("media/landscape-dock.jpg")));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var image = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        // Another account cannot use my upload.
        var foreign = (await Api.PostAsync(GenerationFlow.Request, new { input = GenerationFlow.Input("the dock", "i2v-x", image: image) }, remixer.Token));
        Assert.Equal(["INVALID_IMAGE"], foreign.UserErrors("requestGeneration"));

        var source = await Api.RequestAsync(maker.Token, GenerationFlow.Input("the dock at dawn, slow push in", "i2v-1", image: image));
        await using (var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, maker.Token))
            Assert.Equal("READY", (await GenerationFlow.FollowAsync(ws, source))[^1]["state"]!.GetValue<string>());
        var placed = (await Api.VideoAsync(source, maker.Token)).GetProperty("data").GetProperty("video").GetProperty("provenance");
        var input = Assert.Single(placed.GetProperty("ingredients").EnumerateArray());
        Assert.Equal(("inputTo", $"sora:upload:sha256:{image}"), (input.GetProperty("relationship").GetString(), input.GetProperty("instanceId").GetString()));

        // A draft cannot be remixed by others; once published it can, and the lineage shows both ways.
        var early = await Api.PostAsync(GenerationFlow.Request, new { input = GenerationFlow.Input("a dream of it", "remix-0", remixOf: source) }, remixer.Token);
        Assert.Equal(["REMIX_UNAVAILABLE"], early.UserErrors("requestGeneration"));
        (await Api.PostAsync(Lifecycle("publishVideo"), new { id = source }, maker.Token)).Ok();
        var remix = await Api.RequestAsync(remixer.Token, GenerationFlow.Input("a dream of it, painted", "remix-1", remixOf: source));
        await using (var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, remixer.Token))
            Assert.Equal("READY", (await GenerationFlow.FollowAsync(ws, remix))[^1]["state"]!.GetValue<string>());
        (await Api.PostAsync(Lifecycle("publishVideo"), new { id = remix }, remixer.Token)).Ok();

        // The remix's watermark credits the source's creator by the handle their account holds; an account that is gone
        // is credited by nobody's name (the worker then draws "remix of a Sora video").
        await using (var query = Host.Store.QuerySession())
        {
            var sourceGeneration = (await query.LoadAsync<Generation>(source))!;
            Assert.Equal(maker.Handle, await Sora.Render.Generations.RenderVideoHandler.SourceCreatorHandleAsync(query, sourceGeneration, default));
            Assert.Null(await Sora.Render.Generations.RenderVideoHandler.SourceCreatorHandleAsync(query, sourceGeneration with { RequesterId = Guid.NewGuid() }, default));
        }

        var child = (await Api.VideoAsync(remix, maker.Token)).GetProperty("data").GetProperty("video");
        Assert.Equal(source.ToString(), child.GetProperty("remixOf").GetProperty("id").GetString());
        // The remix names its source as an ingredient and carries the source's own manifest, which still verifies.
        var lineage = Assert.Single(child.GetProperty("provenance").GetProperty("ingredients").EnumerateArray());
        Assert.Equal(($"sora:video:{source}", "TRUSTED"), (lineage.GetProperty("instanceId").GetString(), lineage.GetProperty("manifestState").GetString()));
        Assert.Equal(placed.GetProperty("activeManifest").GetString(), lineage.GetProperty("activeManifest").GetString());
        Assert.Equal([$"sora:video:{source}"], child.GetProperty("provenance").GetProperty("actions")[0].GetProperty("ingredients").EnumerateArray().Select(i => i.GetString()));
        var parent = (await Api.VideoAsync(source, remixer.Token)).GetProperty("data").GetProperty("video");
        Assert.Equal(remix.ToString(), Assert.Single(parent.GetProperty("remixes").Nodes()).GetProperty("id").GetString());

        // Withdrawn: gone for others, and no longer remixable.
        (await Api.PostAsync(Lifecycle("withdrawVideo"), new { id = source }, maker.Token)).Ok();
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(source, remixer.Token)));
        var late = await Api.PostAsync(GenerationFlow.Request, new { input = GenerationFlow.Input("again", "remix-2", remixOf: source) }, remixer.Token);
        Assert.Equal(["REMIX_UNAVAILABLE"], late.UserErrors("requestGeneration"));
    }

    public static string Lifecycle(string mutation) =>
        $"mutation($id: ID!) {{ {mutation}(input: {{ generationId: $id }}) {{ generation {{ id state }} errors {{ code message }} }} }}";
}
