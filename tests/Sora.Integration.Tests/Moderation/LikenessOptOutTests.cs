using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Sora.Domain.Privacy;
using Sora.Integration.Tests.Support;
using Wolverine.Tracking;
using Xunit;

namespace Sora.Integration.Tests.Moderation;

/// <summary>
/// "Never use my likeness" from a person without an account: the public endpoints and GraphQL, the verification job,
/// the refusal it brings to every request that shows the face, and withdrawal by the management token.
/// </summary>
public sealed class LikenessOptOutTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Status = "query($t: String!) { likenessOptOut(token: $t) { id status inForce failureReason attempts } }";
    private const string Withdraw = "mutation($i: WithdrawLikenessOptOutInput!) { withdrawLikenessOptOut(input: $i) { optOut { status inForce } errors { code } } }";
    private const string Start = """
        mutation($i: StartLikenessOptOutInput!) { startLikenessOptOut(input: $i) {
          managementToken optOut { id status phrase } upload { url method maxBytes } instructions errors { code field } } }
        """;

    private async Task<(HttpStatusCode Status, JsonElement Body)> StartByFormAsync(object form, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/optouts") { Content = JsonContent.Create(form) };
        request.Headers.Add("X-Forwarded-For", address);
        using var response = await Host.Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<HttpResponseMessage> PutRecordingAsync(string url, string? token, string fixture, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(await File.ReadAllBytesAsync(CameoSeeds.Fixture(fixture))) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(fixture.EndsWith(".webm") ? "video/webm" : "video/mp4");
        request.Headers.Add("X-Forwarded-For", address);
        if (token is not null) request.Headers.Add("X-Opt-Out-Token", token);
        return await Host.Http.SendAsync(request);
    }

    /// <summary>Uploads the recording and waits, through Wolverine's tracking, for the verification job; the opt-out as the token shows it.</summary>
    private async Task<JsonElement> RecordAsync(string url, string token, string fixture, string address)
    {
        HttpStatusCode status = default;
        await Host.App.TrackActivity().IncludeExternalTransports().Timeout(TimeSpan.FromSeconds(120))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
            {
                using var response = await PutRecordingAsync(url, token, fixture, address);
                status = response.StatusCode;
            }));
        Assert.Equal(HttpStatusCode.Accepted, status);
        return (await Api.PostAsync(Status, new { t = token })).Ok().GetProperty("likenessOptOut");
    }

    [Fact]
    public async Task An_opt_out_refuses_a_later_image_to_video_request_with_that_persons_photo_until_it_is_withdrawn_by_its_token()
    {
        const string address = "198.51.100.21";
        var (created, form) = await StartByFormAsync(new { neverUseMyLikeness = true }, address);
        Assert.Equal(HttpStatusCode.Created, created);
        var token = form.GetProperty("managementToken").GetString()!;
        var url = form.GetProperty("upload").GetProperty("url").GetString()!;
        var optOutId = Guid.Parse(form.GetProperty("optOutId").GetString()!);

        // The token is the only key: a wrong one, or none, sees and changes nothing.
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Status, new { t = "not-the-token" })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Withdraw, new { i = new { token = "not-the-token" } })).ErrorCodes);
        using (var wrong = await PutRecordingAsync(url, "not-the-token", "cameo/valid-c.webm", address))
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        using (var none = await PutRecordingAsync(url, null, "cameo/valid-c.webm", address))
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        var inForce = await RecordAsync(url, token, "cameo/valid-c.webm", address);
        Assert.Equal((optOutId.ToString(), "IN_FORCE", true), (inForce.GetProperty("id").GetString(), inForce.GetProperty("status").GetString(),
            inForce.GetProperty("inForce").GetBoolean()));
        // Only the template is kept, sealed under the opt-out's own key; the recording is gone, and no event holds either.
        await using (var query = Host.Store.QuerySession())
            Assert.Equal(["optout-template"], (await query.Query<SealedRecord>().Where(r => r.SubjectId == optOutId).ToListAsync()).Select(r => r.Kind));

        // Anyone's image-to-video request with her photo is refused with the opt-out's own code.
        var creator = await Api.SignUpAsync("creator");
        var photo = await Host.UploadImageAsync(creator, "faces/person-c.png");
        var refused = await Api.GenerateAsync(creator.Token, GenerationFlow.Input("her portrait comes alive", "opted-out", image: photo));
        Assert.Equal(["LIKENESS_OPTED_OUT"], refused.Codes());
        Assert.Equal("image", refused.GetProperty("errors")[0].GetProperty("field").GetString());
        // Nor can an account make her face its cameo.
        var impostor = await Api.SignUpAsync("impostor");
        var (claim, claimUrl) = await Api.StartAsync(impostor);
        var cameo = await Host.RecordAsync(Api, impostor, claim, claimUrl, "cameo/valid-c.webm");
        Assert.Equal(("FAILED", "LIKENESS_OPTED_OUT", false), (cameo.GetProperty("status").GetString(), cameo.GetProperty("failureReason").GetString(),
            cameo.GetProperty("likenessInForce").GetBoolean()));

        // Withdrawn with the token: the template is shredded, and the same request now passes.
        var withdrawn = (await Api.PostAsync(Withdraw, new { i = new { token } })).Ok().GetProperty("withdrawLikenessOptOut").GetProperty("optOut");
        Assert.Equal(("WITHDRAWN", false), (withdrawn.GetProperty("status").GetString(), withdrawn.GetProperty("inForce").GetBoolean()));
        await using (var query = Host.Store.QuerySession())
        {
            Assert.Null(await query.LoadAsync<SubjectKey>(optOutId));
            Assert.Empty(await query.Query<SealedRecord>().Where(r => r.SubjectId == optOutId).ToListAsync());
        }
        var allowed = await Api.GenerateAsync(creator.Token, GenerationFlow.Input("her portrait comes alive", "after-withdrawal", image: photo));
        await Host.WaitForGenerationToSettleAsync(creator, allowed.Id());
        using (var again = await PutRecordingAsync(url, token, "cameo/valid-c.webm", address))
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task An_opt_out_of_a_face_that_is_an_accounts_verified_likeness_is_refused_and_the_owner_keeps_their_cameo()
    {
        var (owner, cameo) = await Host.VerifyThroughApiAsync(Api, "person_a", "cameo/valid-a.mp4");
        var started = (await Api.PostAsync(Start, new { i = new { neverUseMyLikeness = true } })).Ok().GetProperty("startLikenessOptOut");
        Assert.NotEmpty(started.GetProperty("instructions").EnumerateArray());
        Assert.Equal(("PUT", "AWAITING_RECORDING"), (started.GetProperty("upload").GetProperty("method").GetString(),
            started.GetProperty("optOut").GetProperty("status").GetString()));
        var token = started.GetProperty("managementToken").GetString()!;
        var optOut = await RecordAsync(started.GetProperty("upload").GetProperty("url").GetString()!, token, "cameo/valid-a.mp4", "198.51.100.22");
        Assert.Equal(("FAILED", false, "LIKENESS_ALREADY_CLAIMED"), (optOut.GetProperty("status").GetString(), optOut.GetProperty("inForce").GetBoolean(),
            optOut.GetProperty("failureReason").GetString()));
        await using (var query = Host.Store.QuerySession())
            Assert.Empty(await query.Query<SealedRecord>().Where(r => r.SubjectId == Guid.Parse(optOut.GetProperty("id").GetString()!)).ToListAsync());

        // Her own photo is still hers to animate: the opt-out did not lock her out.
        var photo = await Host.UploadImageAsync(owner, "faces/person-a.png");
        var own = await Api.GenerateAsync(owner.Token, GenerationFlow.Input("my portrait comes alive", "own", image: photo));
        Assert.Equal(cameo.ToString(), Assert.Single(own.Cameos()).GetProperty("cameoId").GetString());
        await Host.WaitForGenerationToSettleAsync(owner, own.Id());
    }

    [Fact]
    public async Task Starting_needs_the_declaration_bad_uploads_are_refused_like_cameo_recordings_and_each_address_is_rate_limited()
    {
        const string address = "198.51.100.23";
        var declined = (await Api.PostAsync(Start, new { i = new { neverUseMyLikeness = false } })).Payload("startLikenessOptOut");
        Assert.Equal(["BAD_USER_INPUT"], declined.Codes());
        var (status, _) = await StartByFormAsync(new { neverUseMyLikeness = "yes" }, address);
        Assert.Equal(HttpStatusCode.BadRequest, status);

        var (_, form) = await StartByFormAsync(new { neverUseMyLikeness = true }, address);
        var token = form.GetProperty("managementToken").GetString()!;
        var url = form.GetProperty("upload").GetProperty("url").GetString()!;
        using (var audio = await PutRecordingAsync(url, token, "cameo/audio-only.m4a", address))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, audio.StatusCode);
        using (var notVideo = await PutRecordingAsync(url, token, "cameo/not-a-video.mp4", address))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, notVideo.StatusCode);
        Assert.Equal("AWAITING_RECORDING", (await Api.PostAsync(Status, new { t = token })).Ok().GetProperty("likenessOptOut").GetProperty("status").GetString());

        // Five starts or uploads from one address in a burst (four so far), then it waits: 429 with Retry-After.
        Assert.Equal(HttpStatusCode.Created, (await StartByFormAsync(new { neverUseMyLikeness = true }, address)).Status);
        using var limited = new HttpRequestMessage(HttpMethod.Post, "/optouts") { Content = JsonContent.Create(new { neverUseMyLikeness = true }) };
        limited.Headers.Add("X-Forwarded-For", address);
        using var response = await Host.Http.SendAsync(limited);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
