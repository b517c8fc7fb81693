using System.Text.Json;
using Sora.Domain.Common;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Integration.Tests.Support;
using Wolverine;
using Xunit;

namespace Sora.Integration.Tests.Cameos;

/// <summary>Consent rules through GraphQL, and the consent decision as generation will call it (RecordCameoUse).</summary>
public sealed class CameoConsentTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Cameo = "cameo { id audience audienceVersion restrictions active grants { edges { node { id uses valid grantee { handle } } } } blocked { edges { cursor node { handle } } } }";

    private Task<GqlResponse> Change(string mutation, object input, string? token) =>
        Api.PostAsync($"mutation($input: {char.ToUpperInvariant(mutation[0]) + mutation[1..]}Input!) {{ {mutation}(input: $input) {{ grantId {Cameo} errors {{ code field }} }} }}",
            new { input }, token);

    [Fact]
    public async Task The_owner_sets_audience_grants_blocks_and_restrictions_and_nobody_else_can()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var friend = await Api.SignUpAsync("friend");
        var stranger = await Api.SignUpAsync("stranger");
        var id = await Host.VerifiedCameoAsync(owner.Id);

        var audience = (await Change("setCameoAudience", new { cameoId = id, audience = "EVERYONE" }, owner.Token)).Ok().GetProperty("setCameoAudience");
        Assert.Equal("EVERYONE", audience.GetProperty("cameo").GetProperty("audience").GetString());
        Assert.Equal(1, audience.GetProperty("cameo").GetProperty("audienceVersion").GetInt32());

        var grant = (await Change("grantCameoAccess", new { cameoId = id, accountId = friend.Id, maxUses = 3 }, owner.Token)).Ok().GetProperty("grantCameoAccess");
        var grantId = grant.GetProperty("grantId").GetString();
        Assert.Equal("friend", Assert.Single(grant.GetProperty("cameo").GetProperty("grants").Nodes()).GetProperty("grantee").GetProperty("handle").GetString());

        var rules = (await Change("setCameoRestrictions", new { cameoId = id, rules = new[] { "no political content" } }, owner.Token)).Ok();
        Assert.Equal(["no political content"], rules.GetProperty("setCameoRestrictions").GetProperty("cameo").GetProperty("restrictions").EnumerateArray().Select(r => r.GetString()));
        (await Change("blockFromCameo", new { cameoId = id, accountId = stranger.Id }, owner.Token)).Ok();
        (await Change("revokeCameoGrant", new { cameoId = id, grantId }, owner.Token)).Ok();
        (await Change("setCameoApprovalMode", new { cameoId = id, required = true }, owner.Token)).Ok();
        (await Change("deactivateCameo", new { cameoId = id }, owner.Token)).Ok();
        var reactivated = (await Change("reactivateCameo", new { cameoId = id }, owner.Token)).Ok().GetProperty("reactivateCameo").GetProperty("cameo");
        Assert.True(reactivated.GetProperty("active").GetBoolean());
        Assert.False(Assert.Single(reactivated.GetProperty("grants").Nodes()).GetProperty("valid").GetBoolean());
        Assert.Equal("stranger", Assert.Single(reactivated.GetProperty("blocked").Nodes()).GetProperty("handle").GetString());

        // Refusals: anonymous, another account (even one holding a grant), bad input.
        Assert.Equal(["UNAUTHENTICATED"], (await Change("setCameoAudience", new { cameoId = id, audience = "ONLY_ME" }, null)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Change("setCameoAudience", new { cameoId = id, audience = "ONLY_ME" }, friend.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Change("grantCameoAccess", new { cameoId = id, accountId = friend.Id }, stranger.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Change("revokeCameoGrant", new { cameoId = id, grantId }, friend.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Change("grantCameoAccess", new { cameoId = id, accountId = Guid.NewGuid() }, owner.Token)).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Change("grantCameoAccess", new { cameoId = id, accountId = friend.Id, maxUses = 0 }, owner.Token)).UserErrors("grantCameoAccess"));
        Assert.Equal(["BLOCKED"], (await Change("grantCameoAccess", new { cameoId = id, accountId = stranger.Id }, owner.Token)).UserErrors("grantCameoAccess"));
    }

    [Fact]
    public async Task Uses_are_decided_with_a_receipt_and_refused_with_a_typed_reason()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var friend = await Api.SignUpAsync("friend");
        var stranger = await Api.SignUpAsync("stranger");
        var id = await Host.VerifiedCameoAsync(owner.Id);

        Assert.Equal(RecordCameoUseDecider.ConsentRequired, (await Host.UseCameoAsync(id, stranger.Id)).Refusal?.Code);
        (await Change("grantCameoAccess", new { cameoId = id, accountId = friend.Id, maxUses = 1 }, owner.Token)).Ok();
        var useId = Guid.NewGuid();
        var first = await Host.UseCameoAsync(id, friend.Id, useId: useId);
        Assert.Equal(ConsentRightKind.Grant, first.Use!.Right);
        // A retried request is answered from the first decision and writes nothing new.
        Assert.Equal(first.Use.ReceiptHash, (await Host.UseCameoAsync(id, friend.Id, useId: useId)).Use!.ReceiptHash);
        Assert.Equal(ConsentRefusalReason.GrantExhausted, (await Host.UseCameoAsync(id, friend.Id)).Reason);

        (await Change("setCameoAudience", new { cameoId = id, audience = "EVERYONE" }, owner.Token)).Ok();
        (await Change("setCameoRestrictions", new { cameoId = id, rules = new[] { "no political content" } }, owner.Token)).Ok();
        Assert.Equal(ConsentRightKind.Audience, (await Host.UseCameoAsync(id, stranger.Id)).Use!.Right);
        Assert.Equal(RecordCameoUseDecider.ConsentRestricted, (await Host.UseCameoAsync(id, stranger.Id, "me campaigning for president")).Refusal?.Code);

        // A block refuses even under EVERYONE: on the cameo, and in the social graph.
        (await Api.SocialAsync("block", stranger.Id, owner.Token)).Ok();
        Assert.Equal(ConsentRefusalReason.Blocked, (await Host.UseCameoAsync(id, stranger.Id)).Reason);

        await using var session = Host.Store.QuerySession();
        var receipts = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<CameoUseAuthorized>().ToList();
        Assert.Equal(2, receipts.Count);
        Assert.Null(ConsentReceipts.FirstBroken(receipts));
    }

    [Fact]
    public async Task The_consent_check_answers_through_graphql_with_typed_refusals()
    {
        var owner = await Api.SignUpAsync("cameo_owner");
        var friend = await Api.SignUpAsync("friend");
        var stranger = await Api.SignUpAsync("stranger");
        var id = await Host.VerifiedCameoAsync(owner.Id);
        const string Check = "query($h: String!, $p: String!) { cameoConsent(handle: $h, prompt: $p) { cameoId allowed right grantId audience errors { code field } } }";

        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Check, new { h = "cameo_owner", p = "x" })).ErrorCodes);
        // A refusal is a user error in the answer, as requestGeneration gives it: the one channel for consent codes.
        var refused = await Api.PostAsync(Check, new { h = "@cameo_owner", p = "surfing" }, stranger.Token);
        Assert.Equal(["CONSENT_REQUIRED"], refused.Refused("cameoConsent"));
        Assert.False(refused.Data.GetProperty("cameoConsent").GetProperty("allowed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, refused.Data.GetProperty("cameoConsent").GetProperty("right").ValueKind);
        Assert.Equal("prompt", refused.Data.GetProperty("cameoConsent").GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Check, new { h = "friend", p = "surfing" }, stranger.Token)).ErrorCodes);
        Assert.Equal("OWNER", (await Api.PostAsync(Check, new { h = "cameo_owner", p = "surfing" }, owner.Token)).Ok().GetProperty("cameoConsent").GetProperty("right").GetString());

        (await Change("grantCameoAccess", new { cameoId = id, accountId = friend.Id }, owner.Token)).Ok();
        (await Change("setCameoRestrictions", new { cameoId = id, rules = new[] { "no political content" } }, owner.Token)).Ok();
        var granted = (await Api.PostAsync(Check, new { h = "cameo_owner", p = "surfing" }, friend.Token)).Ok().GetProperty("cameoConsent");
        Assert.Equal("GRANT", granted.GetProperty("right").GetString());
        Assert.Equal(["CONSENT_RESTRICTED"], (await Api.PostAsync(Check, new { h = "cameo_owner", p = "my election campaign" }, friend.Token)).Refused("cameoConsent"));

        // A blocked account is refused even under EVERYONE.
        (await Change("setCameoAudience", new { cameoId = id, audience = "EVERYONE" }, owner.Token)).Ok();
        Assert.Equal("AUDIENCE", (await Api.PostAsync(Check, new { h = "cameo_owner", p = "surfing" }, stranger.Token)).Ok().GetProperty("cameoConsent").GetProperty("right").GetString());
        (await Change("blockFromCameo", new { cameoId = id, accountId = stranger.Id }, owner.Token)).Ok();
        Assert.Equal(["CONSENT_REQUIRED"], (await Api.PostAsync(Check, new { h = "cameo_owner", p = "surfing" }, stranger.Token)).Refused("cameoConsent"));
    }

    [Fact]
    public async Task No_use_is_accepted_after_its_revoke_committed_across_a_thousand_races()
    {
        const int races = 1000;
        var owner = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var pairs = Enumerable.Range(0, races).Select(_ => (Cameo: Guid.CreateVersion7(), Grantee: Guid.NewGuid(), Grant: Guid.NewGuid())).ToList();
        await using (var seed = Host.Store.LightweightSession())
        {
            seed.Events.StartStream<Account>(owner, new AccountRegistered(owner, "owner_of_many", now));
            foreach (var (cameo, grantee, grant) in pairs)
            {
                seed.Events.StartStream<Account>(grantee, new AccountRegistered(grantee, $"g{grantee:N}"[..30], now));
                seed.Events.StartStream<Cameo>(cameo, new CameoVerificationStarted(cameo, owner, "p", now), new CameoRecordingReceived(cameo, owner, "s", 1, now),
                    new CameoVerified(cameo, owner, now), new CameoAccessGranted(cameo, grant, grantee, null, null, owner, now));
            }
            await seed.SaveChangesAsync();
        }

        var bus = Host.Services.GetRequiredService<IMessageBus>();
        var ownerActor = new Sora.Domain.Common.Actor(owner, new HashSet<AccountRole>());
        using var gate = new SemaphoreSlim(16);
        var outcomes = await Task.WhenAll(pairs.SelectMany(p => new Func<Task<object>>[]
        {
            async () => await bus.InvokeAsync<CommandResult>(new ChangeCameoConsent(ownerActor, p.Cameo, new ConsentChange.RevokeGrant(p.Grant))),
            async () => await bus.InvokeAsync<CameoUseResult>(new RecordCameoUse(p.Cameo, Guid.NewGuid(), p.Grantee, "a race")),
        }).Select(async call =>
        {
            await gate.WaitAsync();
            try { return await call(); }
            finally { gate.Release(); }
        }));

        // Every call got a typed answer: revokes succeeded; uses were allowed (before the revoke) or refused.
        Assert.All(outcomes.OfType<CommandResult>().Where(r => r is not CameoUseResult), r => Assert.Null(r.Refusal));
        Assert.All(outcomes.OfType<CameoUseResult>(), r => Assert.True(r.Use is not null || r.Reason == ConsentRefusalReason.NotGranted));

        // In every cameo's stream, a use under the grant comes before the grant's revocation, never after.
        await using var session = Host.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypeName == "cameo_use_authorized" || e.EventTypeName == "cameo_grant_revoked").ToListAsync();
        var violations = events.GroupBy(e => e.StreamId).Count(stream =>
        {
            var revokedAt = stream.Where(e => e.Data is CameoGrantRevoked).Select(e => e.Version).DefaultIfEmpty(long.MaxValue).Min();
            return stream.Any(e => e.Data is CameoUseAuthorized && e.Version > revokedAt);
        });
        Assert.Equal(races, events.Count(e => e.Data is CameoGrantRevoked));
        Assert.Equal(0, violations);
    }
}
