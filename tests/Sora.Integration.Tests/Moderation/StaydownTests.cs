using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Generations;
using Sora.Domain.Media;
using Sora.Domain.Moderation;
using Sora.Integration.Tests.Support;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Sora.Integration.Tests.Moderation;

/// <summary>
/// Staydown end to end: a moderator removes a real video, the worker fingerprints it, and copies made with ffmpeg are
/// refused on every path (publish, upload, image-to-video, remix) with a case opened by the system; unrelated media
/// passes; restoring the original lets a copy through again.
/// </summary>
public sealed class StaydownTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Publish = "mutation($id: ID!) { publishVideo(input: { generationId: $id }) { generation { id } errors { code field } } }";
    private const string Queue = "{ moderationQueue(first: 50) { edges { node { id target targetId urgent reportCount status } } } }";

    /// <summary>A draft of <paramref name="author"/> whose rendered file is <paramref name="file"/> (put in the media store).</summary>
    private async Task<Guid> DraftWithMediaAsync(TestAccount author, string file, bool publish = false)
    {
        var sha = await Host.Services.GetRequiredService<IMediaStore>().PutFileAsync(file);
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using var session = Host.Store.LightweightSession();
        session.Events.StartStream<Generation>(id,
            new GenerationRequested(id, author.Id, author.Handle, "a lake at dusk", 5, VideoAspect.Square1x1, VideoResolution.Sd480, 7, null, null, [],
                1, 1, 0, DateOnly.FromDateTime(now.UtcDateTime), $"seed-{id:N}", now),
            new GenerationRendered(id, author.Id, sha, sha, 480, 480, 5, new FileInfo(file).Length, "seeded", "sora-cppn-1", "cpu", now));
        await session.SaveChangesAsync();
        if (!publish) return id;
        // Its own transaction, as a real publish: the visibility projection reads the generation as committed.
        await using var publishing = Host.Store.LightweightSession();
        publishing.Events.Append(id, new VideoPublished(id, author.Id, now));
        await publishing.SaveChangesAsync();
        return id;
    }

    private static async Task<string> FfmpegAsync(string input, string name, params string[] args)
    {
        var output = Path.Combine(Path.GetTempPath(), $"sora-staydown-{Guid.NewGuid():N}-{name}");
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-y", "-i", input }.Concat(args).Append(output)) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return output;
    }

    private static string? TopLevelCode(GqlResponse response) =>
        response.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();

    private static string Code(JsonElement payload) => Assert.Single(payload.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString()!;

    private async Task<JsonElement[]> QueueAsync(TestAccount moderator) =>
        (await Api.PostAsync(Queue, null, moderator.Token)).Ok().GetProperty("moderationQueue").Nodes();

    [Fact]
    public async Task Copies_of_a_removed_video_are_refused_on_every_path_with_a_system_case_until_it_is_restored()
    {
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var moderator = await Api.SignUpAsync("mod_stay");
        await Api.GrantRoleAsync(admin, moderator, "MODERATOR");
        var maker = await Api.SignUpAsync("maker");
        var copier = await Api.SignUpAsync("copier");
        var reporter = await Api.SignUpAsync("reporter");

        var original = CameoSeeds.Fixture("cameo/no-face.mp4");
        var mirror = await FfmpegAsync(original, "mirror.mp4", "-vf", "hflip", "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-c:a", "aac");
        var crop = await FfmpegAsync(original, "crop.mp4", "-vf", "crop=trunc(iw*0.9/2)*2:trunc(ih*0.9/2)*2", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac");
        var smaller = await FfmpegAsync(original, "small.mp4", "-vf", "scale=trunc(iw/4)*2:-2", "-c:v", "mpeg4", "-q:v", "8", "-c:a", "aac");
        var still = await FfmpegAsync(original, "still.png", "-ss", "2", "-frames:v", "1", "-vf", "hflip");
        try
        {
            var video = await DraftWithMediaAsync(maker, original, publish: true);
            // Published and uploaded before the removal: nothing removed yet, so they pass; after it, they are copies.
            var earlyCopy = await DraftWithMediaAsync(copier, mirror, publish: true);
            var earlyImage = await UploadIdAsync(copier, still, HttpStatusCode.Created);
            var drafts = new[] { await DraftWithMediaAsync(copier, mirror), await DraftWithMediaAsync(copier, crop), await DraftWithMediaAsync(copier, smaller) };
            var unrelated = await DraftWithMediaAsync(copier, CameoSeeds.Fixture("media/scenery-4s.mp4"));

            (await Api.PostAsync("mutation($i: ReportInput!) { report(input: $i) { errors { code } } }",
                new { i = new { target = "VIDEO", targetId = video, reason = "LIKENESS_WITHOUT_CONSENT" } }, reporter.Token)).Ok();
            var caseId = (await QueueAsync(moderator)).Single(c => c.GetProperty("targetId").GetString() == video.ToString()).GetProperty("id").GetString();

            // The removal sends the job; the worker fingerprints the media and Domain records it (tracked to the end).
            await Host.App.TrackActivity().IncludeExternalTransports().Timeout(TimeSpan.FromSeconds(120))
                .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
                    (await Api.PostAsync("mutation($c: ID!) { removeContent(input: { caseId: $c, reason: LIKENESS_WITHOUT_CONSENT }) { errors { code } } }",
                        new { c = caseId }, moderator.Token)).Ok()));
            await using (var query = Host.Store.QuerySession())
            {
                var entry = await query.LoadAsync<StaydownEntry>(Staydown.EntryIdFor(video));
                Assert.NotNull(entry);
                Assert.True(entry.Active);
                Assert.InRange(entry.Frames.Length, 10, 15); // 7 s at 2 fps
                Assert.NotEmpty(entry.Audio);
            }

            // Someone else's draft, or no one's: refused as before, and no case opened for it.
            Assert.Equal("NOT_FOUND", TopLevelCode(await Api.PostAsync(Publish, new { id = drafts[0] }, maker.Token)));
            Assert.Equal("UNAUTHENTICATED", TopLevelCode(await Api.PostAsync(Publish, new { id = drafts[0] }, null)));
            Assert.DoesNotContain(await QueueAsync(moderator), c => c.GetProperty("targetId").GetString() == drafts[0].ToString());

            // Publishing each copy (mirrored, cropped 10 %, re-encoded at half size) is refused, and opens a case on it.
            foreach (var draft in drafts)
            {
                var payload = (await Api.PostAsync(Publish, new { id = draft }, copier.Token)).Body.GetProperty("data").GetProperty("publishVideo");
                Assert.Equal(Staydown.MatchesRemovedContent, Code(payload));
            }
            var queue = await QueueAsync(moderator);
            foreach (var draft in drafts)
            {
                var opened = queue.Single(c => c.GetProperty("targetId").GetString() == draft.ToString());
                Assert.Equal(("VIDEO", true, "OPEN"), (opened.GetProperty("target").GetString(), opened.GetProperty("urgent").GetBoolean(),
                    opened.GetProperty("status").GetString()));
            }
            await using (var query = Host.Store.QuerySession())
            {
                // Raised by the system: no person is among its reporters.
                var system = await query.LoadAsync<ModerationCase>(ModerationCase.IdFor(ReportTarget.Video, drafts[0]));
                Assert.Equal((1, 0), (system!.StaydownMatches, system.Reporters.Length));
            }

            // An unrelated video passes.
            Assert.Empty((await Api.PostAsync(Publish, new { id = unrelated }, copier.Token)).Ok().GetProperty("publishVideo").GetProperty("errors").EnumerateArray());

            // Uploads: a mirrored still of the removed video is refused (422) with a case on the upload; an unrelated image passes.
            using (var refused = await GenerationFlow.UploadAsync(Host.Http, copier.Token, await File.ReadAllBytesAsync(still), "image/png"))
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
                Assert.Equal(Staydown.MatchesRemovedContent, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
            }
            Assert.Contains(await QueueAsync(moderator), c => c.GetProperty("target").GetString() == "UPLOAD");
            await UploadIdAsync(copier, CameoSeeds.Fixture("faces/no-face-coffee.png"), HttpStatusCode.Created);

            // Image-to-video with the image uploaded before the removal, and a remix of the copy published before it.
            var i2v = (await Api.PostAsync(GenerationFlow.Request, new { input = GenerationFlow.Input("a lake", "stay-i2v", image: earlyImage) }, copier.Token))
                .Body.GetProperty("data").GetProperty("requestGeneration");
            Assert.Equal(Staydown.MatchesRemovedContent, Code(i2v));
            var remix = (await Api.PostAsync(GenerationFlow.Request, new { input = GenerationFlow.Input("a lake", "stay-remix", remixOf: earlyCopy) }, reporter.Token))
                .Body.GetProperty("data").GetProperty("requestGeneration");
            Assert.Equal(Staydown.MatchesRemovedContent, Code(remix));
            Assert.Contains(await QueueAsync(moderator), c => c.GetProperty("targetId").GetString() == earlyCopy.ToString());

            // Restoring the original lifts its staydown at once: the copy goes through.
            (await Api.PostAsync("mutation($c: ID!) { restoreContent(input: { caseId: $c }) { errors { code } } }", new { c = caseId }, moderator.Token)).Ok();
            var published = (await Api.PostAsync(Publish, new { id = drafts[0] }, copier.Token)).Ok().GetProperty("publishVideo");
            Assert.Empty(published.GetProperty("errors").EnumerateArray());
            await using (var query = Host.Store.QuerySession())
            {
                Assert.Equal(Publication.Published, (await query.LoadAsync<Generation>(drafts[0]))!.Publication);
                Assert.Equal(Publication.Draft, (await query.LoadAsync<Generation>(drafts[1]))!.Publication); // refused above, still a draft
            }
        }
        finally
        {
            foreach (var file in new[] { mirror, crop, smaller, still }) File.Delete(file);
        }
    }

    private async Task<string?> UploadIdAsync(TestAccount account, string file, HttpStatusCode expected)
    {
        using var response = await GenerationFlow.UploadAsync(Host.Http, account.Token, await File.ReadAllBytesAsync(file),
            file.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg");
        Assert.Equal(expected, response.StatusCode);
        return expected == HttpStatusCode.Created
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()
            : null;
    }
}
