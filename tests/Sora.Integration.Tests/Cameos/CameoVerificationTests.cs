using System.Net;
using System.Text.Json;
using Marten;
using Sora.Domain.Cameos;
using Sora.Domain.Privacy;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Cameos;

/// <summary>From startCameoVerification to a verified (or refused) cameo, through GraphQL, the upload endpoint,
/// the durable verification queue and the real models on ../shared/fixtures.</summary>
public sealed class CameoVerificationTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Start = CameoRecordings.Start;
    private const string Read = CameoRecordings.Read;

    private Task<(Guid Id, string Url)> StartAsync(TestAccount owner, Guid? existing = null) => Api.StartAsync(owner, existing);

    private Task<HttpResponseMessage> UploadAsync(string url, byte[] body, string? token) => Host.UploadAsync(url, body, token);

    private Task<JsonElement> UploadAndVerifyAsync(TestAccount owner, Guid cameoId, string url, string fixture) =>
        Host.RecordAsync(Api, owner, cameoId, url, fixture);

    [Fact]
    public async Task A_valid_recording_verifies_and_its_template_is_sealed_under_the_cameo_key()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var (id, url) = await StartAsync(owner);
        Assert.Equal("AWAITING_RECORDING",
            (await Api.PostAsync(Read, new { id }, owner.Token)).Ok().GetProperty("cameo").GetProperty("status").GetString());

        var cameo = await UploadAndVerifyAsync(owner, id, url, "cameo/valid-a.mp4");
        Assert.Equal("VERIFIED", cameo.GetProperty("status").GetString());
        Assert.Equal(1, cameo.GetProperty("attempts").GetInt32());

        await using var session = Host.Store.QuerySession();
        var vault = (PersonalDataVault)Host.Services.GetService(typeof(PersonalDataVault))!;
        var template = await vault.OpenAsync<float[]>(session, id, Sora.Domain.Cameos.CompleteVerificationHandler.TemplateKind);
        Assert.Equal(512, template!.Length);
        // The reference face crop is a JPEG of one face, sealed under the same key.
        var crop = await vault.OpenAsync<byte[]>(session, id, Sora.Domain.Cameos.CompleteVerificationHandler.FaceCropKind);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, crop![..2]);
        var cropPath = Path.Combine(Path.GetTempPath(), $"crop-{id:N}.jpg");
        await File.WriteAllBytesAsync(cropPath, crop);
        try
        {
            var detector = (Sora.Render.Cameos.IFaceDetector)Host.Services.GetService(typeof(Sora.Render.Cameos.IFaceDetector))!;
            Assert.Single(detector.Detect(await Sora.Render.Media.StillImage.DecodeAsync(cropPath)));
        }
        finally
        {
            File.Delete(cropPath);
        }
        // Events hold ids and outcomes only; the likeness is in the vault.
        var events = await session.Events.FetchStreamAsync(id);
        Assert.Equal(["cameo_verification_started", "cameo_recording_received", "cameo_verified"], events.Select(e => e.EventTypeName));
        var mine = (await Api.PostAsync("{ myCameos { edges { cursor node { id status } } pageInfo { hasNextPage } } }", token: owner.Token)).Ok().GetProperty("myCameos");
        Assert.Equal(id.ToString(), Assert.Single(mine.Nodes()).GetProperty("id").GetString());
        Assert.False(mine.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task A_refused_recording_says_why_and_the_owner_can_record_again()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var (id, url) = await StartAsync(owner);

        var refused = await UploadAndVerifyAsync(owner, id, url, "cameo/no-face.mp4");
        Assert.Equal("FAILED", refused.GetProperty("status").GetString());
        Assert.Equal("NO_FACE", refused.GetProperty("failureReason").GetString());

        var (again, againUrl) = await StartAsync(owner, id);
        Assert.Equal(id, again);
        var verified = await UploadAndVerifyAsync(owner, id, againUrl, "cameo/valid-c.webm");
        Assert.Equal("VERIFIED", verified.GetProperty("status").GetString());
        Assert.Equal(2, verified.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Uploads_are_refused_for_anonymous_callers_other_accounts_non_video_and_oversize_and_write_nothing()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var stranger = await Api.SignUpAsync("stranger");
        var (id, url) = await StartAsync(owner);
        var video = await File.ReadAllBytesAsync(CameoSeeds.Fixture("cameo/valid-a.mp4"));

        using (var anonymous = await UploadAsync(url, video, null)) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var other = await UploadAsync(url, video, stranger.Token)) Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var unknown = await UploadAsync($"/cameos/{Guid.NewGuid()}/recording", video, owner.Token)) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var noise = await UploadAsync(url, await File.ReadAllBytesAsync(CameoSeeds.Fixture("cameo/not-a-video.mp4")), owner.Token))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, noise.StatusCode);
            Assert.Contains("UNSUPPORTED_MEDIA", await noise.Content.ReadAsStringAsync());
        }
        using (var audio = await UploadAsync(url, await File.ReadAllBytesAsync(CameoSeeds.Fixture("cameo/audio-only.m4a")), owner.Token))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, audio.StatusCode);
        using (var image = await UploadAsync(url, await File.ReadAllBytesAsync(CameoSeeds.Fixture("faces/person-a.png")), owner.Token))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, image.StatusCode);
        using (var huge = await UploadAsync(url, new byte[2 * 1024 * 1024 + 1], owner.Token))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        await using var session = Host.Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(id)); // still only "started"
        Assert.Equal(CameoStatus.AwaitingRecording, (await session.LoadAsync<Cameo>(id))!.Status);
    }

    [Fact]
    public async Task Only_the_owner_sees_or_restarts_a_cameo()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var stranger = await Api.SignUpAsync("stranger");
        var (id, _) = await StartAsync(owner);

        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Start, new { input = new { } })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Start, new { input = new { cameoId = id } }, stranger.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Read, new { id }, stranger.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync("{ myCameos { edges { node { id } } } }")).ErrorCodes);
        Assert.Empty((await Api.PostAsync("{ myCameos { edges { node { id } } } }", token: stranger.Token)).Ok().GetProperty("myCameos").Nodes());
    }
}
