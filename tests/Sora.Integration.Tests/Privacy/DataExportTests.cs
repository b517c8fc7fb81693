using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Media;
using Sora.Domain.Privacy;
using Sora.Integration.Tests.Moderation;
using Sora.Integration.Tests.Support;
using Sora.Render.Privacy;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Sora.Integration.Tests.Privacy;

/// <summary>exportMyData end to end: a durable job builds an encrypted archive, downloadable once through a signed link, that expires.</summary>
[Collection("moderation-clock")]
public sealed class DataExportTests(ModerationClockFixture fixture)
{
    private RunningHost Host => fixture.Host;
    private GraphQLClient Api => new(Host.Http);

    private const string Export = "mutation { exportMyData(input: {}) { export { id status } errors { code } } }";
    private const string Status = "query($id: ID!) { dataExport(id: $id) { status downloadUrl expiresAt bytes } }";

    /// <summary>Requests an export and waits, through Wolverine tracking, until its build job has run.</summary>
    private async Task<Guid> ExportAsync(TestAccount account)
    {
        JsonElement payload = default;
        await Host.App.TrackActivity().IncludeExternalTransports().Timeout(TimeSpan.FromSeconds(60))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ => payload = (await Api.PostAsync(Export, token: account.Token)).Payload("exportMyData")));
        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("BUILDING", payload.GetProperty("export").GetProperty("status").GetString());
        return Guid.Parse(payload.GetProperty("export").GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task The_archive_holds_the_accounts_data_in_documented_json_is_encrypted_at_rest_and_downloads_once()
    {
        await Host.App.ResetAllMartenDataAsync();
        var secret = Guid.NewGuid().ToString("N")[..10];
        var owner = await Api.SignUpAsync($"owner_{secret[..6]}");
        var friend = await Api.SignUpAsync("friend_x");
        (await Api.PostAsync("mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { errors { code } } }",
            new { i = new { displayName = $"Name {secret}" } }, owner.Token)).Ok();
        (await Api.SocialAsync("follow", owner.Id, friend.Token)).Ok();
        var video = await Host.PublishedVideoAsync(friend, "a kettle on a stove", fixture.Clock.GetUtcNow());
        (await Api.PostAsync("mutation($v: ID!, $t: String!) { comment(input: { videoId: $v, text: $t }) { errors { code } } }",
            new { v = video, t = $"comment {secret}" }, owner.Token)).Ok();
        Assert.Empty((await Api.PostAsync("mutation($m: [ID!]!, $t: String) { startConversation(input: { memberIds: $m, text: $t }) { errors { code } } }",
            new { m = new[] { friend.Id }, t = $"message {secret}" }, owner.Token)).Payload("startConversation").GetProperty("errors").EnumerateArray());
        var image = await File.ReadAllBytesAsync(CameoSeeds.Fixture("faces/no-face-coffee.png"));
        using (var uploaded = await GenerationFlow.UploadAsync(Host.Http, owner.Token, image, "image/png")) Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var cameo = await Host.VerifiedCameoAsync(owner.Id);
        await Api.GrantAsync(cameo, friend.Id, owner.Token);
        Assert.True((await Host.UseCameoAsync(cameo, friend.Id)).Allowed);

        var id = await ExportAsync(owner);
        var ready = (await Api.PostAsync(Status, new { id }, owner.Token)).Ok().GetProperty("dataExport");
        Assert.Equal("READY", ready.GetProperty("status").GetString());
        Assert.Equal(fixture.Clock.GetUtcNow().AddHours(24), ready.GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromMinutes(1));
        // Nobody else sees it, nor the anonymous.
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Status, new { id }, friend.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Status, new { id })).ErrorCodes);

        // At rest the archive is ciphertext: no ZIP header, no personal text.
        await using (var query = Host.Store.QuerySession())
        {
            var stored = await File.ReadAllBytesAsync(Host.Services.GetRequiredService<IMediaStore>().LocalPath((await query.LoadAsync<DataExport>(id))!.ArchiveId!)!);
            Assert.False(stored.AsSpan(0, 256).IndexOf("PK\u0003\u0004"u8) >= 0);
            Assert.DoesNotContain(secret, Encoding.Latin1.GetString(stored));
        }

        var url = ready.GetProperty("downloadUrl").GetString()!;
        // A forged link is refused and does not spend the download.
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.Http.GetAsync(url.Replace("&s=", "&s=0"))).StatusCode);
        using var download = await Host.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        JsonElement Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return JsonDocument.Parse(reader.ReadToEnd()).RootElement.Clone();
        }

        var manifest = Read("manifest.json");
        Assert.Equal(("sora-data-export", 1), (manifest.GetProperty("format").GetString(), manifest.GetProperty("version").GetInt32()));
        Assert.Equal($"{owner.Handle}@example.com", Read("profile.json").GetProperty("email").GetString());
        Assert.Equal($"Name {secret}", Read("profile.json").GetProperty("displayName").GetString());
        Assert.Equal([$"comment {secret}"], Read("comments.json").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        Assert.Equal($"message {secret}", Read("messages.json")[0].GetProperty("messages")[0].GetProperty("text").GetString());
        var cameos = Read("cameos.json");
        Assert.Equal((cameo.ToString(), 1), (cameos[0].GetProperty("id").GetString(), cameos[0].GetProperty("usage").GetArrayLength()));
        var upload = zip.Entries.Single(e => e.FullName.StartsWith("uploads/"));
        using (var bytes = new MemoryStream())
        {
            await upload.Open().CopyToAsync(bytes);
            Assert.Equal(image, bytes.ToArray());
        }
        using (var events = new StreamReader(zip.GetEntry("events.ndjson")!.Open()))
        {
            var types = (await events.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToHashSet();
            Assert.Superset(new HashSet<string?> { "account_registered", "followed", "cameo_use_authorized", "data_export_requested" }, types);
        }
        foreach (var entry in manifest.GetProperty("files").EnumerateArray()) Assert.NotNull(zip.GetEntry(entry.GetProperty("path").GetString()!));

        // Once: the second request finds it gone, and so does the archive's file.
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Http.GetAsync(url)).StatusCode);
        var after = (await Api.PostAsync(Status, new { id }, owner.Token)).Ok().GetProperty("dataExport");
        Assert.Equal(("DOWNLOADED", JsonValueKind.Null), (after.GetProperty("status").GetString(), after.GetProperty("downloadUrl").ValueKind));
    }

    [Fact]
    public async Task An_archive_nobody_downloads_expires_and_exports_are_bounded_per_day()
    {
        await Host.App.ResetAllMartenDataAsync();
        var owner = await Api.SignUpAsync("owner_expiry");
        var id = await ExportAsync(owner);
        string archive;
        await using (var query = Host.Store.QuerySession()) archive = (await query.LoadAsync<DataExport>(id))!.ArchiveId!;
        var media = Host.Services.GetRequiredService<IMediaStore>();
        Assert.NotNull(media.LocalPath(archive));

        var sweeper = Host.Services.GetRequiredService<PrivacySweeper>();
        Assert.Equal(0, await sweeper.ExpireExportsAsync(CancellationToken.None));
        var url = (await Api.PostAsync(Status, new { id }, owner.Token)).Ok().GetProperty("dataExport").GetProperty("downloadUrl").GetString()!;
        fixture.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await sweeper.ExpireExportsAsync(CancellationToken.None));
        Assert.Null(media.LocalPath(archive));
        // The link has expired too (403), and the export says so.
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.Http.GetAsync(url)).StatusCode);
        var token = (await Api.PostAsync(Ops.SignIn, new { input = new { login = owner.Handle, password = TestSettings.Password } })).Ok()
            .GetProperty("signIn").GetProperty("token").GetString()!;
        Assert.Equal("EXPIRED", (await Api.PostAsync(Status, new { id }, token)).Ok().GetProperty("dataExport").GetProperty("status").GetString());

        // Three a day (the one above was more than a day ago now): three more are accepted, the fourth is refused.
        owner = owner with { Token = token };
        for (var i = 0; i < 3; i++) await ExportAsync(owner);
        Assert.Equal(["TOO_MANY_EXPORTS"], (await Api.PostAsync(Export, token: token)).UserErrors("exportMyData"));
        Assert.Equal(4, (await Api.PostAsync("query { myDataExports { id } }", token: token)).Ok().GetProperty("myDataExports").GetArrayLength());
    }
}
