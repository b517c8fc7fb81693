using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Cameos;
using Sora.Domain.Privacy;
using Sora.Integration.Tests.Support;
using Sora.Render.Cameos;
using Xunit;

namespace Sora.Integration.Tests.Cameos;

/// <summary>
/// One rule decides which likeness an account has (Likenesses), re-recording never drops it, and a face belongs to
/// one account (DESIGN §4 invariant 6). Through GraphQL, with the fixture recordings and photos.
/// </summary>
public sealed class LikenessRuleTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Consent = "query($h: String!, $p: String!) { cameoConsent(handle: $h, prompt: $p) { cameoId right } }";

    [Fact]
    public async Task The_composer_check_and_the_request_pick_the_same_likeness_of_an_owner_with_two_cameos()
    {
        // Two cameos from before one cameo per account: the first made earlier but re-verified later and opened to
        // everyone; the second made later, verified once, still private.
        var owner = await Api.SignUpAsync("alex");
        var fan = await Api.SignUpAsync("fan");
        var t0 = DateTimeOffset.UtcNow.AddHours(-3);
        var (older, newer) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var session = Host.Store.LightweightSession())
        {
            session.Events.StartStream<Cameo>(newer, new CameoVerificationStarted(newer, owner.Id, "p", t0.AddHours(1)),
                new CameoRecordingReceived(newer, owner.Id, "s", 1, t0.AddHours(1)), new CameoVerified(newer, owner.Id, t0.AddHours(1)));
            session.Events.StartStream<Cameo>(older, new CameoVerificationStarted(older, owner.Id, "p", t0),
                new CameoRecordingReceived(older, owner.Id, "s", 1, t0), new CameoVerified(older, owner.Id, t0),
                new CameoAudienceSet(older, CameoAudience.Everyone, 1, owner.Id, t0.AddHours(1.5)),
                new CameoRecordingReceived(older, owner.Id, "s2", 1, t0.AddHours(2)), new CameoVerified(older, owner.Id, t0.AddHours(2)));
            await session.SaveChangesAsync();
        }

        var answer = (await Api.PostAsync(Consent, new { h = "alex", p = "@alex waves" }, fan.Token)).Ok().GetProperty("cameoConsent");
        Assert.Equal((older.ToString(), "AUDIENCE"), (answer.GetProperty("cameoId").GetString(), answer.GetProperty("right").GetString()));
        var request = await Api.GenerateAsync(fan.Token, GenerationFlow.Input("@alex waves", "two-cameos"));
        Assert.Equal(older.ToString(), Assert.Single(request.Cameos()).GetProperty("cameoId").GetString());
        await Host.WaitForGenerationToSettleAsync(fan, request.Id());

        // Starting a cameo again answers with the one the account has: no third likeness.
        Assert.Equal(older, (await Api.StartAsync(owner)).Id);
    }

    [Fact]
    public async Task A_re_recording_that_is_verifying_or_failed_leaves_the_verified_likeness_in_force()
    {
        var (owner, cameo) = await Host.VerifyThroughApiAsync(Api, "person_b", "cameo/valid-b.mp4");
        var stranger = await Api.SignUpAsync("stranger");
        var fan = await Api.SignUpAsync("fan");
        await Api.GrantAsync(cameo, fan.Id, owner.Token);
        var photo = await Host.UploadImageAsync(stranger, "faces/person-b.png");
        var verifiedAt = (await Api.PostAsync(CameoRecordings.Read, new { id = cameo }, owner.Token)).Ok().GetProperty("cameo").GetProperty("verifiedAt").GetString();

        async Task AssertStillProtectedAsync(string expectedStatus, string attempt)
        {
            var state = (await Api.PostAsync(CameoRecordings.Read, new { id = cameo }, owner.Token)).Ok().GetProperty("cameo");
            Assert.Equal((expectedStatus, true, verifiedAt), (state.GetProperty("status").GetString(), state.GetProperty("likenessInForce").GetBoolean(),
                state.GetProperty("verifiedAt").GetString()));
            // Protection: a stranger's photo of her is still refused.
            Assert.Equal(["LIKENESS_NOT_CONSENTED"], (await Api.GenerateAsync(stranger.Token, GenerationFlow.Input("a portrait", $"s-{attempt}", image: photo))).Codes());
            // Consent: her grant still lets the fan mention her.
            var answer = (await Api.PostAsync(Consent, new { h = "person_b", p = "@person_b smiles" }, fan.Token)).Ok().GetProperty("cameoConsent");
            Assert.Equal((cameo.ToString(), "GRANT"), (answer.GetProperty("cameoId").GetString(), answer.GetProperty("right").GetString()));
        }

        // A re-recording that fails (no speech) changes only the status and its reason.
        var (_, url) = await Api.StartAsync(owner, cameo);
        var failed = await Host.RecordAsync(Api, owner, cameo, url, "cameo/silent.mp4");
        Assert.Equal("NO_SPEECH", failed.GetProperty("failureReason").GetString());
        await AssertStillProtectedAsync("FAILED", "failed");
        var mention = await Api.GenerateAsync(fan.Token, GenerationFlow.Input("@person_b smiles", "fan-mention"));
        Assert.Equal(cameo.ToString(), Assert.Single(mention.Cameos()).GetProperty("cameoId").GetString());
        await Host.WaitForGenerationToSettleAsync(fan, mention.Id());

        // A re-recording still waiting for its worker (the upload's event, its job not yet run): the same.
        await using (var session = Host.Store.LightweightSession())
        {
            session.Events.Append(cameo, new CameoRecordingReceived(cameo, owner.Id, "pending-re-record", 1, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        await AssertStillProtectedAsync("VERIFYING", "verifying");

        // The template in the vault is still the verified one: the failed recording left none of its own.
        await using var query = Host.Store.QuerySession();
        var template = await Host.Services.GetRequiredService<PersonalDataVault>().OpenAsync<float[]>(query, cameo, Sora.Domain.Cameos.CompleteVerificationHandler.TemplateKind);
        Assert.Equal(512, template!.Length);
    }

    [Fact]
    public async Task A_face_another_account_verified_is_refused_as_already_claimed_and_opens_a_dispute()
    {
        var (real, cameo) = await Host.VerifyThroughApiAsync(Api, "person_a", "cameo/valid-a.mp4");
        var impostor = await Api.SignUpAsync("impostor");
        var (claim, url) = await Api.StartAsync(impostor);
        var refused = await Host.RecordAsync(Api, impostor, claim, url, "cameo/valid-a.mp4");
        Assert.Equal(("FAILED", "LIKENESS_ALREADY_CLAIMED", false),
            (refused.GetProperty("status").GetString(), refused.GetProperty("failureReason").GetString(), refused.GetProperty("likenessInForce").GetBoolean()));

        // Nothing of her face is kept for the impostor: no template, no crop, no recording under their cameo. The recording
        // waits for a moderator sealed under the dispute alone (docs/moderation.md, "Likeness disputes").
        await using (var query = Host.Store.QuerySession())
        {
            Assert.Empty(await query.Query<SealedRecord>().Where(r => r.SubjectId == claim).ToListAsync());
            var disputeId = (await query.Query<LikenessDispute>().SingleAsync()).Id;
            Assert.Equal([Sora.Domain.Moderation.LikenessDisputes.EvidenceKind],
                (await query.Query<SealedRecord>().Where(r => r.SubjectId == disputeId).ToListAsync()).Select(r => r.Kind));
        }

        // The real person keeps her own face: her photo is hers to animate, and she may re-record without a dispute.
        var photo = await Host.UploadImageAsync(real, "faces/person-a.png");
        var own = await Api.GenerateAsync(real.Token, GenerationFlow.Input("my portrait comes alive", "own", image: photo));
        Assert.Equal(("INPUT_IMAGE", cameo.ToString()), (Assert.Single(own.Cameos()).GetProperty("path").GetString(), own.Cameos()[0].GetProperty("cameoId").GetString()));
        await Host.WaitForGenerationToSettleAsync(real, own.Id());
        var (_, again) = await Api.StartAsync(real, cameo);
        Assert.Equal("VERIFIED", (await Host.RecordAsync(Api, real, cameo, again, "cameo/valid-a.mp4")).GetProperty("status").GetString());

        // The dispute is for moderators and auditors, and for nobody else.
        const string Disputes = "{ likenessDisputes { edges { node { status claimantCameoId claimedCameoId similarity claimant { handle } claimedOwner { handle } } } } }";
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var moderator = await Api.SignUpAsync("moderator_one");
        (await Api.PostAsync("mutation($i: ChangeRoleInput!) { grantRole(input: $i) { errors { code } } }",
            new { i = new { accountId = moderator.Id, role = "MODERATOR" } }, admin.Token)).Ok();
        var dispute = Assert.Single((await Api.PostAsync(Disputes, token: moderator.Token)).Ok().GetProperty("likenessDisputes").GetProperty("edges").EnumerateArray())
            .GetProperty("node");
        Assert.Equal(("OPEN", claim.ToString(), cameo.ToString(), "impostor", "person_a"),
            (dispute.GetProperty("status").GetString(), dispute.GetProperty("claimantCameoId").GetString(), dispute.GetProperty("claimedCameoId").GetString(),
                dispute.GetProperty("claimant").GetProperty("handle").GetString(), dispute.GetProperty("claimedOwner").GetProperty("handle").GetString()));
        Assert.True(dispute.GetProperty("similarity").GetDouble() >= LikenessProtection.MatchThreshold);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Disputes, token: impostor.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Disputes, token: real.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Disputes)).ErrorCodes);
    }
}
