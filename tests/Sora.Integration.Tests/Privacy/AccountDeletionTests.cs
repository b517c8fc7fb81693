using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sora.Domain.Accounts;
using Sora.Domain.Media;
using Sora.Domain.Privacy;
using Sora.Integration.Tests.Moderation;
using Sora.Integration.Tests.Support;
using Sora.Render.Privacy;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Sora.Integration.Tests.Privacy;

/// <summary>
/// deleteAccount end to end, on the host whose clock the test moves (the grace period passes in a moment): nothing
/// personal of the account can be read back afterwards, and the auditor's consent replay still verifies.
/// </summary>
[Collection("moderation-clock")]
public sealed class AccountDeletionTests(ModerationClockFixture fixture)
{
    private RunningHost Host => fixture.Host;
    private GraphQLClient Api => new(Host.Http);

    private const string Delete = "mutation($c: Boolean!) { deleteAccount(input: { confirm: $c }) { deletionScheduledFor errors { code field } } }";
    private const string Cancel = "mutation { cancelAccountDeletion(input: {}) { deletionScheduledFor errors { code } } }";

    /// <summary>A PNG no other test has (a random colour), so purging its bytes cannot touch another test's media.</summary>
    private static async Task<byte[]> UniqueImageAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sora-{Guid.NewGuid():N}.png");
        var colour = Convert.ToHexString(Guid.NewGuid().ToByteArray()[..3]);
        using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", $"color=c=0x{colour}:s=64x64", "-frames:v", "1", path])
               { RedirectStandardError = true })!)
            await ffmpeg.WaitForExitAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        return bytes;
    }

    /// <summary>How many rows of any table, in any schema of the database, contain <paramref name="needle"/> as text.</summary>
    private async Task<int> RowsContainingAsync(string needle)
    {
        var data = Host.Services.GetRequiredService<NpgsqlDataSource>();
        var tables = new List<string>();
        await using (var list = data.CreateCommand(
                         "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables " +
                         "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')"))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var found = 0;
        foreach (var table in tables)
        {
            await using var count = data.CreateCommand($"select count(*) from {table} t where t::text ilike '%' || $1 || '%'");
            count.Parameters.AddWithValue(needle);
            found += (int)(long)(await count.ExecuteScalarAsync())!;
        }
        return found;
    }

    private async Task<string> SignInAsync(string handle) =>
        (await Api.PostAsync(Ops.SignIn, new { input = new { login = handle, password = TestSettings.Password } })).Ok()
        .GetProperty("signIn").GetProperty("token").GetString()!;

    [Fact]
    public async Task After_the_grace_period_nothing_personal_of_the_account_can_be_read_back_and_the_consent_replay_still_verifies()
    {
        await Host.App.ResetAllMartenDataAsync();
        var secret = Guid.NewGuid().ToString("N")[..10];
        var leaver = await Api.SignUpAsync($"leaver_{secret[..6]}");
        var friend = await Api.SignUpAsync("friend_stays");
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var auditor = await Api.SignUpAsync("auditor_stays");
        await Api.GrantRoleAsync(admin, auditor, "AUDITOR");

        (await Api.PostAsync("mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { errors { code } } }",
            new { i = new { displayName = $"Name {secret}", bio = $"Bio {secret}" } }, leaver.Token)).Ok();
        (await Api.PostAsync("mutation($t: String!) { connectAssistantHistory(input: { topics: [{ topic: $t, weight: 0.5 }] }) { errors { code } } }",
            new { t = $"hobby {secret}" }, leaver.Token)).Ok();
        (await Api.SocialAsync("follow", friend.Id, leaver.Token)).Ok();
        (await Api.SocialAsync("follow", leaver.Id, friend.Token)).Ok();
        var friendsVideo = await Host.PublishedVideoAsync(friend, "a harbour at dawn", fixture.Clock.GetUtcNow());
        (await Api.PostAsync("mutation($v: ID!, $t: String!) { comment(input: { videoId: $v, text: $t }) { errors { code } } }",
            new { v = friendsVideo, t = $"comment {secret}" }, leaver.Token)).Ok();
        var video = await Host.PublishedVideoAsync(leaver, "a lighthouse in the fog", fixture.Clock.GetUtcNow());
        using var upload = await GenerationFlow.UploadAsync(Host.Http, leaver.Token, await UniqueImageAsync(), "image/png");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var mediaId = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var media = Host.Services.GetRequiredService<IMediaStore>();
        Assert.NotNull(media.LocalPath(mediaId));
        var dm = (await Api.PostAsync("mutation($m: [ID!]!, $t: String) { startConversation(input: { memberIds: $m, text: $t }) { conversationId errors { code } } }",
            new { m = new[] { friend.Id }, t = $"message {secret}" }, leaver.Token)).Payload("startConversation");
        Assert.Empty(dm.GetProperty("errors").EnumerateArray());
        var conversation = Guid.Parse(dm.GetProperty("conversationId").GetString()!);
        var cameo = await Host.VerifiedCameoAsync(leaver.Id);
        await Api.GrantAsync(cameo, friend.Id, leaver.Token);
        Assert.True((await Host.UseCameoAsync(cameo, friend.Id)).Allowed);
        // The scan finds what is there: the comment's text is in its event and its document until the deletion.
        Assert.True(await RowsContainingAsync($"comment {secret}") >= 2);

        await using (var query = Host.Store.QuerySession())
            Assert.NotNull(await query.LoadAsync<SubjectKey>(conversation));
        // Refusals: confirm must be true; anonymous callers are refused.
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(Delete, new { c = false }, leaver.Token)).UserErrors("deleteAccount"));
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Delete, new { c = true })).ErrorCodes);

        // Scheduled, cancelled, scheduled again: nothing happens before the date.
        var scheduled = (await Api.PostAsync(Delete, new { c = true }, leaver.Token)).Payload("deleteAccount").GetProperty("deletionScheduledFor").GetDateTimeOffset();
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(14), scheduled, TimeSpan.FromSeconds(5));
        Assert.Equal(JsonValueKind.Null, (await Api.PostAsync(Cancel, token: leaver.Token)).Payload("cancelAccountDeletion").GetProperty("deletionScheduledFor").ValueKind);
        (await Api.PostAsync(Delete, new { c = true }, leaver.Token)).Payload("deleteAccount");
        var sweeper = Host.Services.GetRequiredService<PrivacySweeper>();
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(video.ToString(), (await Api.VideoAsync(video, friend.Token)).GetProperty("data").GetProperty("video").GetProperty("id").GetString());

        fixture.Clock.Advance(TimeSpan.FromDays(15));
        // Tracking waits for the purges the deletion sends once it commits (media bytes, masked comment text).
        var deleted = 0;
        await Host.App.TrackActivity().IncludeExternalTransports().Timeout(TimeSpan.FromSeconds(60))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ => deleted = await sweeper.SweepAsync(CancellationToken.None)));
        Assert.Equal(1, deleted);

        // Nothing personal can be read back: the key is gone, nothing sealed under it remains, no table holds its texts.
        await using (var query = Host.Store.QuerySession())
        {
            var vault = Host.Services.GetRequiredService<PersonalDataVault>();
            Assert.Null(await query.LoadAsync<SubjectKey>(leaver.Id));
            Assert.Null(await query.LoadAsync<SubjectKey>(cameo));
            Assert.Null(await query.LoadAsync<SubjectKey>(conversation));
            Assert.Equal(0, await query.Query<SealedRecord>().CountAsync(r => r.SubjectId == leaver.Id || r.SubjectId == cameo || r.SubjectId == conversation));
            Assert.Null(await vault.OpenAsync<AccountPersonalData>(query, leaver.Id, SignUpHandler.PersonalDataKind));
            Assert.Null(await query.LoadAsync<AccountCredential>(leaver.Id));
            Assert.Equal(0, await query.Query<MediaObject>().CountAsync(m => m.OwnerId == leaver.Id));
            Assert.True((await query.LoadAsync<Account>(leaver.Id))!.Deleted);
        }
        foreach (var needle in new[] { $"comment {secret}", $"Name {secret}", $"Bio {secret}", $"hobby {secret}", $"{leaver.Handle}@example.com" })
            Assert.Equal(0, await RowsContainingAsync(needle));
        Assert.Null(media.LocalPath(mediaId));

        // Tokens are issued on the host's clock: the others sign in again after it moved.
        friend = friend with { Token = await SignInAsync(friend.Handle) };
        auditor = auditor with { Token = await SignInAsync(auditor.Handle) };
        // The account is gone for everyone: no sign-in, no token, no profile, no video, no follows.
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync("query { me { id } }", token: leaver.Token)).ErrorCodes);
        Assert.NotEmpty((await Api.PostAsync(Ops.SignIn, new { input = new { login = leaver.Handle, password = TestSettings.Password } })).UserErrors("signIn"));
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("query($id: ID!) { account(id: $id) { handle } }", new { id = leaver.Id }, friend.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(video, friend.Token)));
        var friendNow = (await Api.PostAsync("query { me { followingCount followers(first: 5) { edges { node { id } } } } }", token: friend.Token)).Ok().GetProperty("me");
        Assert.Empty(friendNow.GetProperty("followers").Nodes());
        Assert.Empty((await Api.PostAsync("query($v: ID!) { video(id: $v) { comments(first: 5) { edges { node { id } } } } }",
            new { v = friendsVideo }, friend.Token)).Ok().GetProperty("video").GetProperty("comments").Nodes());

        // The events stay, with ids only, and the auditor's replay of the deleted cameo still verifies its receipt chain.
        var export = await Host.ExportAsync(cameo, auditor);
        var verification = export.Single(r => r.GetProperty("record").GetString() == "chain_verification");
        Assert.True(verification.GetProperty("chainValid").GetBoolean());
        Assert.Contains(export, r => r.GetProperty("record").GetString() == "event" && r.GetProperty("type").GetString() == "cameo_deleted");
    }
}
