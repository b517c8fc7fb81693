using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Cameos;
using Sora.Domain.Privacy;
using Sora.Integration.Tests.Support;
using Wolverine;
using Xunit;

namespace Sora.Integration.Tests.Cameos;

/// <summary>The owner sees everything and can remove any of it; approval mode; forgetting a cameo.</summary>
public sealed class CameoOwnerControlTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private Task<GqlResponse> Act(string mutation, object input, string? token) =>
        Api.PostAsync($"mutation($i: {char.ToUpperInvariant(mutation[0]) + mutation[1..]}Input!) {{ {mutation}(input: $i) {{ cameo {{ status }} errors {{ code }} }} }}",
            new { i = input }, token);

    private async Task<Dictionary<string, JsonElement>> UsagesAsync(Guid cameo, string token) =>
        (await Api.PostAsync("query($id: ID!) { cameo(id: $id) { usages { edges { node { id status withdrawnReason } } } } }", new { id = cameo }, token))
        .Ok().GetProperty("cameo").GetProperty("usages").GetProperty("edges").EnumerateArray()
        .ToDictionary(e => e.GetProperty("node").GetProperty("id").GetString()!, e => e.GetProperty("node"));

    [Fact]
    public async Task In_approval_mode_the_owner_hears_requests_and_approves_declines_or_removes_uses()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var friend = await Api.SignUpAsync("friend");
        var cameo = await Host.VerifiedCameoAsync(owner.Id);
        (await Api.PostAsync("mutation($i: SetCameoAudienceInput!) { setCameoAudience(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, audience = "EVERYONE" } }, owner.Token)).Ok();
        (await Api.PostAsync("mutation($i: SetCameoApprovalModeInput!) { setCameoApprovalMode(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, required = true } }, owner.Token)).Ok();

        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, owner.Token);
        await ws.SubscribeAsync("a", "subscription { cameoActivity { kind cameoId useId actor { handle } } }");
        await Host.WaitForSubscriberAsync(owner.Id);

        var first = (await Host.UseCameoAsync(cameo, friend.Id)).Use!;
        Assert.True(first.PendingApproval);
        var heard = (await ws.ReceiveAsync())["payload"]!["data"]!["cameoActivity"]!;
        Assert.Equal("CAMEO_APPROVAL_REQUESTED", heard["kind"]!.GetValue<string>());
        Assert.Equal(first.UseId.ToString(), heard["useId"]!.GetValue<string>());
        Assert.Equal("friend", heard["actor"]!["handle"]!.GetValue<string>());

        var second = (await Host.UseCameoAsync(cameo, friend.Id)).Use!;
        Assert.Equal("PENDING_APPROVAL", (await UsagesAsync(cameo, owner.Token))[second.UseId.ToString()].GetProperty("status").GetString());

        Assert.Empty((await Act("approveCameoUse", new { cameoId = cameo, useId = first.UseId }, owner.Token)).UserErrors("approveCameoUse"));
        Assert.Empty((await Act("declineCameoUse", new { cameoId = cameo, useId = second.UseId }, owner.Token)).UserErrors("declineCameoUse"));
        var usages = await UsagesAsync(cameo, owner.Token);
        Assert.Equal("ACTIVE", usages[first.UseId.ToString()].GetProperty("status").GetString());
        Assert.Equal("DECLINED_BY_OWNER", usages[second.UseId.ToString()].GetProperty("withdrawnReason").GetString());

        // Deciding twice is refused; the owner can still remove an approved use at any time.
        Assert.Equal(["CONFLICT"], (await Act("approveCameoUse", new { cameoId = cameo, useId = first.UseId }, owner.Token)).UserErrors("approveCameoUse"));
        Assert.Empty((await Act("removeCameoUse", new { cameoId = cameo, useId = first.UseId }, owner.Token)).UserErrors("removeCameoUse"));
        Assert.Equal("REMOVED_BY_OWNER", (await UsagesAsync(cameo, owner.Token))[first.UseId.ToString()].GetProperty("withdrawnReason").GetString());

        // Nobody else can decide, and unknown uses are not found.
        Assert.Equal(["NOT_FOUND"], (await Act("removeCameoUse", new { cameoId = cameo, useId = first.UseId }, friend.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Act("approveCameoUse", new { cameoId = cameo, useId = Guid.NewGuid() }, owner.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Act("removeCameoUse", new { cameoId = cameo, useId = first.UseId }, null)).ErrorCodes);
    }

    [Fact]
    public async Task Deleting_a_cameo_destroys_its_key_withdraws_every_use_and_stays_in_the_history()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var friend = await Api.SignUpAsync("friend");
        var cameo = await Host.VerifiedCameoAsync(owner.Id);
        var vault = Host.Services.GetRequiredService<PersonalDataVault>();
        await using (var session = Host.Store.LightweightSession())
        {
            await vault.SealAsync(session, cameo, Sora.Domain.Cameos.CompleteVerificationHandler.TemplateKind, new float[] { 1, 2, 3 });
            await session.SaveChangesAsync();
        }
        (await Api.PostAsync("mutation($i: GrantCameoAccessInput!) { grantCameoAccess(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, accountId = friend.Id } }, owner.Token)).Ok();
        var use = (await Host.UseCameoAsync(cameo, friend.Id)).Use!;

        Assert.Equal(["NOT_FOUND"], (await Act("deleteCameo", new { cameoId = cameo }, friend.Token)).ErrorCodes);
        Assert.Equal("DELETED", (await Act("deleteCameo", new { cameoId = cameo }, owner.Token)).Ok()
            .GetProperty("deleteCameo").GetProperty("cameo").GetProperty("status").GetString());

        await using var query = Host.Store.QuerySession();
        Assert.Null(await vault.OpenAsync<float[]>(query, cameo, Sora.Domain.Cameos.CompleteVerificationHandler.TemplateKind));
        Assert.Null(await query.LoadAsync<SubjectKey>(cameo));
        Assert.Equal("CAMEO_DELETED", (await UsagesAsync(cameo, owner.Token))[use.UseId.ToString()].GetProperty("withdrawnReason").GetString());
        Assert.Equal(ConsentRefusalReason.CameoInactive, (await Host.UseCameoAsync(cameo, friend.Id)).Reason);
        Assert.Equal(ConsentRefusalReason.CameoInactive, (await Host.UseCameoAsync(cameo, owner.Id)).Reason);
        Assert.Equal("cameo_deleted", (await query.Events.FetchStreamAsync(cameo)).Last().EventTypeName);
        Assert.Equal(["NOT_FOUND"], (await Act("deleteCameo", new { cameoId = cameo }, owner.Token)).ErrorCodes);

        // Deletion is final, for the owner too: no consent changes, no re-recording.
        Assert.Equal(["NOT_FOUND"], (await Act("reactivateCameo", new { cameoId = cameo }, owner.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("mutation($i: GrantCameoAccessInput!) { grantCameoAccess(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo, accountId = friend.Id } }, owner.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync("mutation($i: StartCameoVerificationInput!) { startCameoVerification(input: $i) { errors { code } } }",
            new { i = new { cameoId = cameo } }, owner.Token)).ErrorCodes);
    }
}
