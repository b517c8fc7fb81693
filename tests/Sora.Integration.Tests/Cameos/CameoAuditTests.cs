using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Cameos;
using Sora.Integration.Tests.Support;
using Wolverine;
using Xunit;

namespace Sora.Integration.Tests.Cameos;

/// <summary>Revocation wins in the revoking transaction, owners see every use, auditors replay consent.</summary>
public sealed class CameoAuditTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Usages = "query($id: ID!) { cameo(id: $id) { usages { edges { node { id right status withdrawnReason requester { handle } } } } } }";

    private async Task<string> GrantAsync(Guid cameo, Guid grantee, string token) =>
        (await Api.PostAsync("mutation($i: GrantCameoAccessInput!) { grantCameoAccess(input: $i) { grantId } }",
            new { i = new { cameoId = cameo, accountId = grantee } }, token)).Ok().GetProperty("grantCameoAccess").GetProperty("grantId").GetString()!;

    private async Task<List<JsonElement>> UsagesAsync(Guid cameo, string token) =>
        (await Api.PostAsync(Usages, new { id = cameo }, token)).Ok().GetProperty("cameo").GetProperty("usages").GetProperty("edges")
        .EnumerateArray().Select(e => e.GetProperty("node")).ToList();

    [Fact]
    public async Task A_revoke_withdraws_the_uses_it_allowed_in_the_same_transaction()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var friend = await Api.SignUpAsync("friend");
        var other = await Api.SignUpAsync("other");
        var cameo = await Host.VerifiedCameoAsync(owner.Id);
        var grant = await GrantAsync(cameo, friend.Id, owner.Token);
        await Host.UseCameoAsync(cameo, friend.Id);
        await Host.UseCameoAsync(cameo, owner.Id);
        (await Api.PostAsync("mutation($i: SetCameoAudienceInput!) { setCameoAudience(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, audience = "EVERYONE" } }, owner.Token)).Ok();
        await Host.UseCameoAsync(cameo, other.Id);
        Assert.All(await UsagesAsync(cameo, owner.Token), u => Assert.Equal("ACTIVE", u.GetProperty("status").GetString()));

        (await Api.PostAsync("mutation($i: RevokeCameoGrantInput!) { revokeCameoGrant(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, grantId = grant } }, owner.Token)).Ok();

        // Read right after the revoke: no waiting, the inline projection committed with it.
        var usages = await UsagesAsync(cameo, owner.Token);
        var friendUse = usages.Single(u => u.GetProperty("requester").GetProperty("handle").GetString() == "friend");
        Assert.Equal("WITHDRAWN", friendUse.GetProperty("status").GetString());
        Assert.Equal("GRANT_REVOKED", friendUse.GetProperty("withdrawnReason").GetString());
        Assert.Equal(2, usages.Count(u => u.GetProperty("status").GetString() == "ACTIVE"));

        // Narrowing the audience withdraws audience-based uses; the owner's own use always stands.
        (await Api.PostAsync("mutation($i: SetCameoAudienceInput!) { setCameoAudience(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, audience = "ONLY_ME" } }, owner.Token)).Ok();
        var after = await UsagesAsync(cameo, owner.Token);
        Assert.Equal("OWNER", Assert.Single(after, u => u.GetProperty("status").GetString() == "ACTIVE").GetProperty("right").GetString());
        Assert.Equal("AUDIENCE_NARROWED", after.Single(u => u.GetProperty("requester").GetProperty("handle").GetString() == "other")
            .GetProperty("withdrawnReason").GetString());

        // Only the owner sees the usages.
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Usages, new { id = cameo }, friend.Token)).ErrorCodes);
    }

    [Fact]
    public async Task Auditors_replay_who_could_use_a_cameo_at_any_instant_and_nobody_else_can()
    {
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var auditor = await Api.SignUpAsync("auditor_one");
        (await Api.PostAsync("mutation($i: ChangeRoleInput!) { grantRole(input: $i) { errors { code } } }",
            new { i = new { accountId = auditor.Id, role = "AUDITOR" } }, admin.Token)).Ok();
        var owner = await Api.SignUpAsync("cameo_owner");
        var friend = await Api.SignUpAsync("friend");
        var cameo = await Host.VerifiedCameoAsync(owner.Id);
        var grant = await GrantAsync(cameo, friend.Id, owner.Token);
        await Host.UseCameoAsync(cameo, friend.Id);
        (await Api.PostAsync("mutation($i: RevokeCameoGrantInput!) { revokeCameoGrant(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, grantId = grant } }, owner.Token)).Ok();

        var history = (await Api.PostAsync("query($id: ID!) { consentHistory(cameoId: $id) { edges { node { type at actor data } } } }", new { id = cameo }, auditor.Token))
            .Ok().GetProperty("consentHistory").Nodes().ToList();
        Assert.Equal(["cameo_verification_started", "cameo_recording_received", "cameo_verified", "cameo_access_granted", "cameo_use_authorized", "cameo_grant_revoked"],
            history.Select(h => h.GetProperty("type").GetString()));
        Assert.Equal(owner.Id.ToString(), history[3].GetProperty("actor").GetString());
        var grantedAt = history[4].GetProperty("at").GetString(); // the use: after the grant, before the revoke

        const string Who = "query($id: ID!, $at: DateTimeOffset!) { whoCouldUse(cameoId: $id, at: $at) { audience validGrants { edges { node { id grantee { handle } } } } } }";
        var then = (await Api.PostAsync(Who, new { id = cameo, at = grantedAt }, auditor.Token)).Ok().GetProperty("whoCouldUse");
        Assert.Equal(grant, Assert.Single(then.GetProperty("validGrants").Nodes()).GetProperty("id").GetString());
        var now = (await Api.PostAsync(Who, new { id = cameo, at = DateTimeOffset.UtcNow.AddSeconds(1) }, auditor.Token)).Ok().GetProperty("whoCouldUse");
        Assert.Empty(now.GetProperty("validGrants").Nodes());

        var under = (await Api.PostAsync("query($g: ID!) { usagesUnderGrant(grantId: $g) { edges { node { status withdrawnReason } } } }", new { g = grant }, auditor.Token))
            .Ok().GetProperty("usagesUnderGrant");
        Assert.Equal("WITHDRAWN", Assert.Single(under.Nodes()).GetProperty("status").GetString());

        // Owners, admins and anonymous callers cannot read consent history.
        foreach (var token in new[] { owner.Token, admin.Token })
        {
            Assert.Equal(["FORBIDDEN"], (await Api.PostAsync("query($id: ID!) { consentHistory(cameoId: $id) { edges { node { type } } } }", new { id = cameo }, token)).ErrorCodes);
            Assert.Equal(["FORBIDDEN"], (await Api.PostAsync("query($g: ID!) { usagesUnderGrant(grantId: $g) { edges { node { status } } } }", new { g = grant }, token)).ErrorCodes);
        }
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Who, new { id = cameo, at = DateTimeOffset.UtcNow })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("query($id: ID!) { consentHistory(cameoId: $id) { edges { node { type } } } }", new { id = Guid.NewGuid() }, auditor.Token)).ErrorCodes);
    }

    [Fact]
    public async Task Rebuilding_the_usage_projection_from_events_gives_the_live_result()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var friends = new List<TestAccount>();
        for (var i = 0; i < 3; i++) friends.Add(await Api.SignUpAsync($"friend{i}"));
        var cameo = await Host.VerifiedCameoAsync(owner.Id);
        var grants = new List<string>();
        foreach (var f in friends)
        {
            grants.Add(await GrantAsync(cameo, f.Id, owner.Token));
            await Host.UseCameoAsync(cameo, f.Id);
        }
        (await Api.PostAsync("mutation($i: RevokeCameoGrantInput!) { revokeCameoGrant(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, grantId = grants[1] } }, owner.Token)).Ok();
        (await Api.PostAsync("mutation($i: BlockFromCameoInput!) { blockFromCameo(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, accountId = friends[2].Id } }, owner.Token)).Ok();

        async Task<string> Snapshot()
        {
            await using var session = Host.Store.QuerySession();
            var docs = await session.Query<CameoUsage>().OrderBy(u => u.Seq).ToListAsync();
            return JsonSerializer.Serialize(docs);
        }

        var live = await Snapshot();
        // Wipe the read model, so only a replay of the events can bring it back.
        await using (var wipe = Host.Store.LightweightSession())
        {
            wipe.DeleteWhere<CameoUsage>(_ => true);
            await wipe.SaveChangesAsync();
        }
        Assert.Equal("[]", await Snapshot());
        using (var daemon = await Host.Store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<CameoUsageProjection>(TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.Equal(live, await Snapshot());
        Assert.Contains("GRANT_REVOKED", live);
        Assert.Contains("BLOCKED", live);
    }
}

/// <summary>The auditor export, and what it says when someone edits a stored receipt.</summary>
public sealed class ConsentExportTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Auditors_export_the_history_with_the_chain_check_and_a_tampered_receipt_is_reported()
    {
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var auditor = await Api.SignUpAsync("auditor_one");
        (await Api.PostAsync("mutation($i: ChangeRoleInput!) { grantRole(input: $i) { errors { code } } }",
            new { i = new { accountId = auditor.Id, role = "AUDITOR" } }, admin.Token)).Ok();
        var owner = await Api.SignUpAsync("cameo_owner");
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using (var seed = Host.Store.LightweightSession())
        {
            seed.Events.StartStream<Cameo>(id, new CameoVerificationStarted(id, owner.Id, "p", now), new CameoRecordingReceived(id, owner.Id, "s", 1, now),
                new CameoVerified(id, owner.Id, now), new CameoAudienceSet(id, CameoAudience.Everyone, 1, owner.Id, now));
            await seed.SaveChangesAsync();
        }
        var bus = Host.Services.GetRequiredService<IMessageBus>();
        for (var i = 0; i < 3; i++) await bus.InvokeAsync<CameoUseResult>(new RecordCameoUse(id, Guid.NewGuid(), Guid.NewGuid(), $"prompt {i}"));

        async Task<(System.Net.HttpStatusCode Status, string Body)> Export(string? token, string format = "jsonl")
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/audit/cameos/{id}/export?format={format}");
            if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await Host.Http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var (status, body) = await Export(auditor.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(8, lines.Count); // 4 lifecycle/audience events, 3 receipts, 1 verification
        Assert.True(lines[^1].GetProperty("chainValid").GetBoolean());
        Assert.Equal(3, lines[^1].GetProperty("receipts").GetInt32());
        var csv = (await Export(auditor.Token, "csv")).Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("record,sequence,version,at,type", csv[0]);
        Assert.Equal(9, csv.Length);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await Export(owner.Token)).Status);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await Export(admin.Token)).Status);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await Export(null)).Status);

        // Someone with database access edits the second receipt's prompt digest.
        await using (var connection = new Npgsql.NpgsqlConnection(Sora.GraphQL.Composition.DatabaseUrl.ToConnectionString(TestSettings.DatabaseUrl)))
        {
            await connection.OpenAsync();
            await using var tamper = new Npgsql.NpgsqlCommand(
                "update sora_it.mt_events set data = jsonb_set(data, '{PromptSha256}', '\"forged\"') " +
                "where stream_id = $1 and type = 'cameo_use_authorized' and version = (select min(version) + 1 from sora_it.mt_events where stream_id = $1 and type = 'cameo_use_authorized')",
                connection);
            tamper.Parameters.AddWithValue(id);
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }
        var after = JsonDocument.Parse((await Export(auditor.Token)).Body.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        Assert.False(after.GetProperty("chainValid").GetBoolean());
        Assert.Equal(lines[5].GetProperty("data").GetProperty("UseId").GetString(), after.GetProperty("firstBrokenReceipt").GetString());
    }
}
