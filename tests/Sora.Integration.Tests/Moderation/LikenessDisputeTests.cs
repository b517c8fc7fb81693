using System.Net;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Privacy;
using Sora.Integration.Tests.Support;
using Sora.Render.Cameos;
using Wolverine.Tracking;
using Xunit;

namespace Sora.Integration.Tests.Moderation;

/// <summary>
/// The moderator flow for a likeness dispute, from the refused verification to its resolution, through GraphQL and the
/// signed evidence links, with the fixture recordings and photos.
/// </summary>
public sealed class LikenessDisputeTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Disputes = "query($s: LikenessDisputeStatus) { likenessDisputes(status: $s) { edges { node { id status holder resolvedBy evidenceAccesses } } } }";
    private const string OpenEvidence = """
        mutation($i: OpenLikenessDisputeEvidenceInput!) { openLikenessDisputeEvidence(input: $i) {
          evidence { accessId incumbentRecording { url expiresAt } claimantRecording { url expiresAt } } errors { code field } } }
        """;
    private const string Resolve = "mutation($i: ResolveLikenessDisputeInput!) { resolveLikenessDispute(input: $i) { dispute { status holder } errors { code field } } }";
    private const string Accesses = "query($d: ID!) { likenessDisputeEvidenceAccesses(disputeId: $d) { edges { node { moderatorId reason at } } } }";
    private const string Cameo = "query($id: ID!) { cameo(id: $id) { status failureReason likenessInForce disputeOutcome } }";

    private sealed record Parties(TestAccount Incumbent, Guid IncumbentCameo, TestAccount Claimant, Guid ClaimantCameo, Guid DisputeId,
        TestAccount Moderator, TestAccount Auditor, TestAccount Admin);

    /// <summary>The incumbent verifies <paramref name="fixture"/>; the claimant records the same face and is refused with a dispute.</summary>
    private async Task<Parties> DisputeAsync(string fixture)
    {
        var (incumbent, incumbentCameo) = await Host.VerifyThroughApiAsync(Api, "first_holder", fixture);
        var claimant = await Api.SignUpAsync("second_claimant");
        var (claim, url) = await Api.StartAsync(claimant);
        var refused = await Host.RecordAsync(Api, claimant, claim, url, fixture);
        Assert.Equal("LIKENESS_ALREADY_CLAIMED", refused.GetProperty("failureReason").GetString());

        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var moderator = await Api.SignUpAsync("mod_one");
        var auditor = await Api.SignUpAsync("auditor_one");
        await Api.GrantRoleAsync(admin, moderator, "MODERATOR");
        await Api.GrantRoleAsync(admin, auditor, "AUDITOR");
        var dispute = Assert.Single((await Api.PostAsync(Disputes, new { s = "OPEN" }, moderator.Token)).Ok().GetProperty("likenessDisputes")
            .GetProperty("edges").EnumerateArray()).GetProperty("node");
        return new Parties(incumbent, incumbentCameo, claimant, claim, Guid.Parse(dispute.GetProperty("id").GetString()!), moderator, auditor, admin);
    }

    private static object Input(Guid dispute, string? holder = null, string reason = "Compared both recordings side by side.") =>
        holder is null ? new { i = new { disputeId = dispute, reason } } : new { i = new { disputeId = dispute, holder, reason } };

    private async Task<(HttpStatusCode Status, byte[] Body, string? Type)> GetAsync(string url)
    {
        using var response = await Host.Http.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> CameoAsync(Guid id, TestAccount owner) => (await Api.PostAsync(Cameo, new { id }, owner.Token)).Ok().GetProperty("cameo");

    [Fact]
    public async Task A_claimant_awarded_the_likeness_is_verified_from_the_kept_recording_and_the_incumbents_likeness_ends_everywhere()
    {
        var p = await DisputeAsync("cameo/valid-a.mp4");
        // The incumbent's own video of "their" likeness, public before the dispute is decided.
        var video = (await Api.GenerateAsync(p.Incumbent.Token, GenerationFlow.Input("@first_holder waves on a windy pier", "own-video"))).Id();
        var mediaUrl = await Host.RenderAndPublishAsync(Api, p.Incumbent, video);
        var viewer = await Api.SignUpAsync("viewer");
        await Host.AssertPublicAsync(Api, video, mediaUrl, "pier", viewer);

        // The evidence: nobody but a moderator who is not a party opens it, and never without a reason.
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(OpenEvidence, Input(p.DisputeId))).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(OpenEvidence, Input(p.DisputeId), viewer.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(OpenEvidence, Input(p.DisputeId), p.Auditor.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(OpenEvidence, Input(p.DisputeId), p.Claimant.Token)).ErrorCodes);
        await Api.GrantRoleAsync(p.Admin, p.Claimant, "MODERATOR");
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(OpenEvidence, Input(p.DisputeId), p.Claimant.Token)).ErrorCodes);
        var noReason = (await Api.PostAsync(OpenEvidence, Input(p.DisputeId, reason: " "), p.Moderator.Token)).Payload("openLikenessDisputeEvidence");
        Assert.Equal(["BAD_USER_INPUT"], noReason.Codes());

        var evidence = (await Api.PostAsync(OpenEvidence, Input(p.DisputeId, reason: "Checking which account recorded the face first."), p.Moderator.Token))
            .Ok().GetProperty("openLikenessDisputeEvidence").GetProperty("evidence");
        var fixtureBytes = await File.ReadAllBytesAsync(CameoSeeds.Fixture("cameo/valid-a.mp4"));
        var incumbentLink = evidence.GetProperty("incumbentRecording").GetProperty("url").GetString()!;
        var claimantLink = evidence.GetProperty("claimantRecording").GetProperty("url").GetString()!;
        Assert.InRange(evidence.GetProperty("claimantRecording").GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow.AddMinutes(6));
        foreach (var link in new[] { incumbentLink, claimantLink })
        {
            var (status, body, type) = await GetAsync(link);
            Assert.Equal((HttpStatusCode.OK, "video/mp4"), (status, type));
            Assert.Equal(fixtureBytes, body);
        }
        // A link is only good as signed: another moderator's id in it, or no signature, opens nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(claimantLink.Replace($"v={p.Moderator.Id:N}", $"v={p.Admin.Id:N}"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync($"/disputes/{p.DisputeId}/evidence/claimant")).Status);

        // Auditors see who opened it, when and why; moderators, who are audited, do not.
        var access = Assert.Single((await Api.PostAsync(Accesses, new { d = p.DisputeId }, p.Auditor.Token)).Ok().GetProperty("likenessDisputeEvidenceAccesses")
            .GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.Equal((p.Moderator.Id.ToString(), "Checking which account recorded the face first."),
            (access.GetProperty("moderatorId").GetString(), access.GetProperty("reason").GetString()));
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Accesses, new { d = p.DisputeId }, p.Moderator.Token)).ErrorCodes);
        var log = (await Api.PostAsync("{ moderationLog { edges { node { action caseId moderatorId } } } }", token: p.Auditor.Token)).Ok()
            .GetProperty("moderationLog").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        Assert.Contains(log, a => a.GetProperty("action").GetString() == "OPEN_DISPUTE_EVIDENCE" && a.GetProperty("caseId").GetString() == p.DisputeId.ToString());

        // Deciding: the same refusals; a party who moderates may not decide their own dispute.
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Resolve, Input(p.DisputeId, "CLAIMANT"))).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Resolve, Input(p.DisputeId, "CLAIMANT"), viewer.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Resolve, Input(p.DisputeId, "CLAIMANT"), p.Auditor.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Resolve, Input(p.DisputeId, "CLAIMANT"), p.Claimant.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Resolve, Input(p.DisputeId, "INCUMBENT"), p.Incumbent.Token)).ErrorCodes);

        // The claimant is awarded it: the normal verification job verifies the kept recording, with no conflict left.
        await Host.App.TrackActivity().IncludeExternalTransports().Timeout(TimeSpan.FromSeconds(120))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
            {
                var resolved = (await Api.PostAsync(Resolve, Input(p.DisputeId, "CLAIMANT"), p.Moderator.Token)).Ok().GetProperty("resolveLikenessDispute");
                Assert.Equal(("RESOLVED", "CLAIMANT"), (resolved.GetProperty("dispute").GetProperty("status").GetString(),
                    resolved.GetProperty("dispute").GetProperty("holder").GetString()));
            }));
        await Host.WaitForBlockedAsync(p.Incumbent, video);
        var winner = await CameoAsync(p.ClaimantCameo, p.Claimant);
        Assert.Equal(("VERIFIED", true, "KEPT"), (winner.GetProperty("status").GetString(), winner.GetProperty("likenessInForce").GetBoolean(),
            winner.GetProperty("disputeOutcome").GetString()));
        var loser = await CameoAsync(p.IncumbentCameo, p.Incumbent);
        Assert.Equal(("FAILED", "LIKENESS_DISPUTE_LOST", false, "LOST"), (loser.GetProperty("status").GetString(), loser.GetProperty("failureReason").GetString(),
            loser.GetProperty("likenessInForce").GetBoolean(), loser.GetProperty("disputeOutcome").GetString()));

        // The incumbent's video is gone from feeds, search, direct links and media; its use says why.
        await Host.AssertGoneAsync(Api, video, mediaUrl, "pier", viewer);
        Assert.Equal("LIKENESS_DISPUTE_LOST", Assert.Single(await Api.UsagesAsync(p.IncumbentCameo, p.Incumbent.Token)).GetProperty("withdrawnReason").GetString());

        // The losing template is destroyed: its key and sealed rows are gone, and the index no longer finds it.
        await using (var query = Host.Store.QuerySession())
        {
            Assert.Null(await query.LoadAsync<SubjectKey>(p.IncumbentCameo));
            Assert.Empty(await query.Query<SealedRecord>().Where(r => r.SubjectId == p.IncumbentCameo || r.SubjectId == p.DisputeId).ToListAsync());
        }
        var scan = await Host.Services.GetRequiredService<LikenessProtection>().ScanFacesAsync(CameoSeeds.Fixture("faces/person-a.png"));
        Assert.Equal([p.ClaimantCameo], scan.Matches.Select(m => m.CameoId));
        // The evidence is destroyed with the dispute: the old links open nothing, and a resolved dispute is not decided twice.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(claimantLink)).Status);
        Assert.Equal(["NOT_ACTIONABLE"], (await Api.PostAsync(Resolve, Input(p.DisputeId, "INCUMBENT"), p.Moderator.Token)).Payload("resolveLikenessDispute").Codes());
    }

    [Fact]
    public async Task An_incumbent_kept_by_the_moderator_stays_in_force_and_the_claimants_recording_is_destroyed()
    {
        var p = await DisputeAsync("cameo/valid-b.mp4");
        await using (var query = Host.Store.QuerySession())
            Assert.NotEmpty(await query.Query<SealedRecord>().Where(r => r.SubjectId == p.DisputeId).ToListAsync());

        var resolved = (await Api.PostAsync(Resolve, Input(p.DisputeId, "INCUMBENT"), p.Admin.Token)).Ok().GetProperty("resolveLikenessDispute");
        Assert.Equal("INCUMBENT", resolved.GetProperty("dispute").GetProperty("holder").GetString());
        var kept = await CameoAsync(p.IncumbentCameo, p.Incumbent);
        Assert.Equal(("VERIFIED", true, "KEPT"), (kept.GetProperty("status").GetString(), kept.GetProperty("likenessInForce").GetBoolean(),
            kept.GetProperty("disputeOutcome").GetString()));
        var rejected = await CameoAsync(p.ClaimantCameo, p.Claimant);
        Assert.Equal(("FAILED", "LIKENESS_DISPUTE_LOST", "LOST"), (rejected.GetProperty("status").GetString(), rejected.GetProperty("failureReason").GetString(),
            rejected.GetProperty("disputeOutcome").GetString()));

        await using (var query = Host.Store.QuerySession())
        {
            Assert.Null(await query.LoadAsync<SubjectKey>(p.DisputeId));
            Assert.Empty(await query.Query<SealedRecord>().Where(r => r.SubjectId == p.DisputeId || r.SubjectId == p.ClaimantCameo).ToListAsync());
        }
        // The holder's likeness still protects her face.
        var stranger = await Api.SignUpAsync("stranger");
        var photo = await Host.UploadImageAsync(stranger, "faces/person-b.png");
        Assert.Equal(["LIKENESS_NOT_CONSENTED"], (await Api.GenerateAsync(stranger.Token, GenerationFlow.Input("a portrait", "after", image: photo))).Codes());

        var closed = Assert.Single((await Api.PostAsync(Disputes, new { s = "RESOLVED" }, p.Auditor.Token)).Ok().GetProperty("likenessDisputes")
            .GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.Equal((p.Admin.Id.ToString(), 0), (closed.GetProperty("resolvedBy").GetString(), closed.GetProperty("evidenceAccesses").GetInt32()));
        Assert.Equal(["NOT_ACTIONABLE"], (await Api.PostAsync(OpenEvidence, Input(p.DisputeId), p.Moderator.Token)).Payload("openLikenessDisputeEvidence").Codes());
    }

    [Fact]
    public async Task A_claimant_who_deletes_their_cameo_takes_the_kept_recording_with_it()
    {
        var p = await DisputeAsync("cameo/valid-b.mp4");
        await using (var query = Host.Store.QuerySession())
            Assert.NotEmpty(await query.Query<SealedRecord>().Where(r => r.SubjectId == p.DisputeId).ToListAsync());

        Assert.Equal("DELETED", (await Api.PostAsync("mutation($i: DeleteCameoInput!) { deleteCameo(input: $i) { cameo { status } errors { code } } }",
            new { i = new { cameoId = p.ClaimantCameo } }, p.Claimant.Token)).Ok().GetProperty("deleteCameo").GetProperty("cameo").GetProperty("status").GetString());
        // The evidence is shredded in the deleting transaction: nothing of that recording can be opened any more.
        await using (var query = Host.Store.QuerySession())
        {
            Assert.Null(await query.LoadAsync<SubjectKey>(p.DisputeId));
            Assert.Empty(await query.Query<SealedRecord>().Where(r => r.SubjectId == p.DisputeId).ToListAsync());
        }
        // The incumbent's likeness is untouched.
        Assert.True((await CameoAsync(p.IncumbentCameo, p.Incumbent)).GetProperty("likenessInForce").GetBoolean());
    }
}
