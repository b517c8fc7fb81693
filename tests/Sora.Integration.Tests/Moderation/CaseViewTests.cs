using System.Text.Json;
using System.Text.Json.Nodes;
using Sora.Integration.Tests.Support;
using Sora.Projections.Moderation;
using Xunit;

namespace Sora.Integration.Tests.Moderation;

/// <summary>The case view, the queue subscription and the reporters' outcome notifications, through GraphQL and graphql-transport-ws.</summary>
public sealed class CaseViewTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Report = "mutation($i: ReportInput!) { report(input: $i) { report { id } errors { code } } }";
    private const string Takedown = "mutation($i: RequestTakedownInput!) { requestTakedown(input: $i) { trackingToken errors { code } } }";
    private const string CaseView = """
        query($id: ID!) { moderationCase(id: $id) {
          id status reportCount author { handle }
          video { id prompt url status provenance { valid problem receipts } }
          comment { text } account { handle }
          consentReceipts { receiptHash }
          reports { edges { node { reporterRef reason fromTakedown at text } } }
          authorHistory { edges { node { id targetId status topReason } } } } }
        """;
    private const string CaseWithoutTexts = "query($id: ID!) { moderationCase(id: $id) { id reports { edges { node { reporterRef reason } } } } }";
    private const string Log = "{ moderationLog { edges { node { action caseId moderatorId } } } }";
    private const string QueueUpdates = "subscription { moderationQueueUpdated { caseId change case { targetId reportCount status } } }";
    private const string UserEvents = "subscription { userEvents { kind reportId reportOutcome actor { id } } }";

    private static string Act(string name, string extra = "") =>
        $"mutation($c: ID!) {{ {name}(input: {{ caseId: $c {extra} }}) {{ case {{ id status }} errors {{ code }} }} }}";

    private TestAccount? _admin;

    private async Task<TestAccount> WithRoleAsync(string handle, string role)
    {
        var admin = _admin ??= await Api.SignUpAsync(TestSettings.AdminHandle);
        var account = await Api.SignUpAsync(handle);
        await Api.GrantRoleAsync(admin, account, role);
        return account;
    }

    private async Task<string> ReportAsync(TestAccount by, string target, Guid id, string reason, string? text = null) =>
        (await Api.PostAsync(Report, new { i = new { target, targetId = id, reason, text } }, by.Token)).Payload("report")
        .GetProperty("report").GetProperty("id").GetString()!;

    private async Task<string> CaseIdAsync(TestAccount moderator, Guid target) =>
        (await Api.PostAsync("{ moderationQueue(first: 100) { edges { node { id targetId } } } }", token: moderator.Token)).Ok()
        .GetProperty("moderationQueue").Nodes().Single(n => n.GetProperty("targetId").GetString() == target.ToString()).GetProperty("id").GetString()!;

    private static JsonElement[] Nodes(JsonElement connection) => connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToArray();

    [Fact]
    public async Task A_case_shows_its_item_every_report_and_the_authors_history_and_reading_the_texts_is_audited()
    {
        var maker = await Api.SignUpAsync("maker");
        var fan = await Api.SignUpAsync("fan");
        var critic = await Api.SignUpAsync("critic");
        var earlier = await Host.PublishedVideoAsync(maker, "an earlier clip of a stranger");
        var video = await Host.PublishedVideoAsync(maker, "a stranger's face on a talk show");
        await ReportAsync(fan, "VIDEO", earlier, "HARASSMENT");
        await ReportAsync(fan, "VIDEO", video, "LIKENESS_WITHOUT_CONSENT", "That is my sister, she never agreed");
        await ReportAsync(critic, "VIDEO", video, "SPAM");
        (await Api.PostAsync(Takedown, new { i = new { videoId = video, name = "Ada Example", email = "ada@example.org",
            statement = "I am the person shown and I did not consent", goodFaith = true } })).Payload("requestTakedown");

        var moderator = await WithRoleAsync("mod_view", "MODERATOR");
        var earlierCase = await CaseIdAsync(moderator, earlier);
        (await Api.PostAsync(Act("dismissCase"), new { c = earlierCase }, moderator.Token)).Payload("dismissCase");
        var caseId = await CaseIdAsync(moderator, video);

        var view = (await Api.PostAsync(CaseView, new { id = caseId }, moderator.Token)).Ok().GetProperty("moderationCase");
        Assert.Equal(("OPEN", 3, "maker"), (view.GetProperty("status").GetString(), view.GetProperty("reportCount").GetInt32(),
            view.GetProperty("author").GetProperty("handle").GetString()));
        var shown = view.GetProperty("video");
        Assert.Equal(("a stranger's face on a talk show", "PUBLISHED"), (shown.GetProperty("prompt").GetString(), shown.GetProperty("status").GetString()));
        Assert.False(string.IsNullOrEmpty(shown.GetProperty("url").GetString()));
        // A seeded video has no file: the manifest check runs and says so (a rendered one is checked below).
        Assert.Equal((false, "The media is missing."), (shown.GetProperty("provenance").GetProperty("valid").GetBoolean(),
            shown.GetProperty("provenance").GetProperty("problem").GetString()));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("comment").ValueKind);
        Assert.Equal(JsonValueKind.Array, view.GetProperty("consentReceipts").ValueKind);

        // Newest first: the takedown (its statement, never the requester's name or email), then the two reports.
        var reports = Nodes(view.GetProperty("reports"));
        Assert.Equal([(true, "LIKENESS_WITHOUT_CONSENT"), (false, "SPAM"), (false, "LIKENESS_WITHOUT_CONSENT")],
            reports.Select(r => (r.GetProperty("fromTakedown").GetBoolean(), r.GetProperty("reason").GetString())));
        Assert.Equal(["I am the person shown and I did not consent", null, "That is my sister, she never agreed"],
            reports.Select(r => r.GetProperty("text").GetString()));
        Assert.Equal(3, reports.Select(r => r.GetProperty("reporterRef").GetString()).Distinct().Count());
        // Nothing in the case names who reported.
        foreach (var who in new[] { fan.Id.ToString(), critic.Id.ToString(), "Ada Example", "ada@example.org" })
            Assert.DoesNotContain(who, view.GetRawText());

        // The author's other case, and what was done about it.
        var history = Assert.Single(Nodes(view.GetProperty("authorHistory")));
        Assert.Equal((earlier.ToString(), "DISMISSED", "HARASSMENT"),
            (history.GetProperty("targetId").GetString(), history.GetProperty("status").GetString(), history.GetProperty("topReason").GetString()));

        // The reading of the texts is in the log, with who read them; a view without the texts records nothing.
        (await Api.PostAsync(CaseWithoutTexts, new { id = caseId }, moderator.Token)).Ok();
        var auditor = await WithRoleAsync("auditor_view", "AUDITOR");
        var reads = Nodes((await Api.PostAsync(Log, token: auditor.Token)).Ok().GetProperty("moderationLog"))
            .Where(a => a.GetProperty("action").GetString() == "READ_REPORT_TEXTS").ToArray();
        var read = Assert.Single(reads);
        Assert.Equal((caseId, moderator.Id.ToString()), (read.GetProperty("caseId").GetString(), read.GetProperty("moderatorId").GetString()));

        // Roles: a user, an auditor and an anonymous caller are refused; an admin reads it; a missing case is NOT_FOUND.
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(CaseView, new { id = caseId }, fan.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(CaseView, new { id = caseId }, auditor.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(CaseView, new { id = caseId })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(CaseView, new { id = Guid.NewGuid() }, moderator.Token)).ErrorCodes);
        Assert.Equal(caseId, (await Api.PostAsync(CaseWithoutTexts, new { id = caseId }, _admin!.Token)).Ok()
            .GetProperty("moderationCase").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_rendered_videos_case_shows_its_valid_provenance_and_the_consent_receipts_it_carries()
    {
        var alex = await Api.SignUpAsync("alex");
        var maker = await Api.SignUpAsync("maker");
        var cameo = await Host.VerifiedCameoWithFaceAsync(alex.Id);
        await Api.GrantAsync(cameo, maker.Id, alex.Token);
        var id = (await Api.GenerateAsync(maker.Token, GenerationFlow.Input("@alex rides a bicycle along the harbour", "case-view"))).Id();
        await Host.RenderAndPublishAsync(Api, maker, id);
        // The owner of the likeness sees every video that shows it, and reports this one.
        await ReportAsync(alex, "VIDEO", id, "LIKENESS_WITHOUT_CONSENT");

        var moderator = await WithRoleAsync("mod_receipts", "MODERATOR");
        var view = (await Api.PostAsync(CaseView, new { id = await CaseIdAsync(moderator, id) }, moderator.Token)).Ok().GetProperty("moderationCase");
        var provenance = view.GetProperty("video").GetProperty("provenance");
        Assert.True(provenance.GetProperty("valid").GetBoolean(), provenance.GetProperty("problem").GetString());
        var receipt = Assert.Single(view.GetProperty("consentReceipts").EnumerateArray()).GetProperty("receiptHash").GetString();
        Assert.Equal([receipt], provenance.GetProperty("receipts").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(receipt, Assert.Single(await Api.UsagesAsync(cameo, alex.Token)).GetProperty("receiptHash").GetString());
    }

    [Fact]
    public async Task A_moderator_cannot_open_a_case_about_their_own_content_and_a_comment_case_shows_the_comment()
    {
        var moderator = await WithRoleAsync("mod_author", "MODERATOR");
        var other = await WithRoleAsync("mod_peer", "MODERATOR");
        var fan = await Api.SignUpAsync("fan");
        var own = await Host.PublishedVideoAsync(moderator, "my own video");
        var comment = (await Api.PostAsync("mutation($v: ID!) { comment(input: { videoId: $v, text: \"you are all fools\" }) { comment { id } errors { code } } }",
            new { v = own }, fan.Token)).Payload("comment").GetProperty("comment").GetProperty("id").GetString()!;
        await ReportAsync(fan, "VIDEO", own, "SPAM", "spam, and it names me");
        await ReportAsync(moderator, "COMMENT", Guid.Parse(comment), "HARASSMENT");

        var ownCase = await CaseIdAsync(other, own);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(CaseView, new { id = ownCase }, moderator.Token)).ErrorCodes);
        var commentCase = await CaseIdAsync(other, Guid.Parse(comment));
        var view = (await Api.PostAsync(CaseView, new { id = commentCase }, other.Token)).Ok().GetProperty("moderationCase");
        Assert.Equal("you are all fools", view.GetProperty("comment").GetProperty("text").GetString());
        Assert.Equal("fan", view.GetProperty("author").GetProperty("handle").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("video").ValueKind);
    }

    [Fact]
    public async Task Moderators_hear_a_new_report_and_the_action_that_follows_and_others_are_refused_at_subscribe()
    {
        var maker = await Api.SignUpAsync("maker");
        var fan = await Api.SignUpAsync("fan");
        var video = await Host.PublishedVideoAsync(maker, "a face someone did not share");
        var moderator = await WithRoleAsync("mod_live", "MODERATOR");
        var auditor = await WithRoleAsync("auditor_live", "AUDITOR");

        // A user and an auditor get a typed error for the subscription; an anonymous socket is asked to sign in.
        foreach (var (token, code) in new[] { (fan.Token, "FORBIDDEN"), (auditor.Token, "FORBIDDEN"), ((string?)null, "UNAUTHENTICATED") })
        {
            await using var refusedWs = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, token);
            await refusedWs.SubscribeAsync("q", QueueUpdates);
            var refused = await refusedWs.ReceiveAsync();
            Assert.Equal(("error", code), (refused["type"]!.GetValue<string>(), refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>()));
        }

        await using var ws = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, moderator.Token);
        await ws.SubscribeAsync("q", QueueUpdates);
        await Host.WaitForSubscriberAsync(ModerationNotifications.QueueTopic);

        await ReportAsync(fan, "VIDEO", video, "LIKENESS_WITHOUT_CONSENT", "my face");
        var reported = (await ws.ReceiveAsync())["payload"]!["data"]!["moderationQueueUpdated"]!;
        Assert.Equal("REPORTED", reported["change"]!.GetValue<string>());
        Assert.Equal((video.ToString(), 1, "OPEN"), (reported["case"]!["targetId"]!.GetValue<string>(), reported["case"]!["reportCount"]!.GetValue<int>(),
            reported["case"]!["status"]!.GetValue<string>()));
        Assert.DoesNotContain(fan.Id.ToString(), reported.ToJsonString());

        var other = await WithRoleAsync("mod_acting", "MODERATOR");
        var caseId = reported["caseId"]!.GetValue<string>();
        (await Api.PostAsync(Act("removeContent", "reason: LIKENESS_WITHOUT_CONSENT"), new { c = caseId }, other.Token)).Payload("removeContent");
        var removed = (await ws.ReceiveAsync())["payload"]!["data"]!["moderationQueueUpdated"]!;
        Assert.Equal(("REMOVED", caseId, "REMOVED"), (removed["change"]!.GetValue<string>(), removed["caseId"]!.GetValue<string>(),
            removed["case"]!["status"]!.GetValue<string>()));
        Assert.DoesNotContain(other.Id.ToString(), removed.ToJsonString());
    }

    [Fact]
    public async Task Every_reporter_hears_the_outcome_without_the_moderator_being_named()
    {
        var maker = await Api.SignUpAsync("maker");
        var fan = await Api.SignUpAsync("fan");
        var critic = await Api.SignUpAsync("critic");
        var video = await Host.PublishedVideoAsync(maker, "a prank with a stolen face");
        var fanReport = await ReportAsync(fan, "VIDEO", video, "HARASSMENT");
        var criticReport = await ReportAsync(critic, "VIDEO", video, "HATE");
        var moderator = await WithRoleAsync("mod_outcome", "MODERATOR");
        var caseId = await CaseIdAsync(moderator, video);

        await using var fanWs = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, fan.Token);
        await fanWs.SubscribeAsync("e", UserEvents);
        await Host.WaitForSubscriberAsync(fan.Id);
        await using var criticWs = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, critic.Token);
        await criticWs.SubscribeAsync("e", UserEvents);
        await Host.WaitForSubscriberAsync(critic.Id);

        (await Api.PostAsync(Act("removeContent", "reason: HARASSMENT"), new { c = caseId }, moderator.Token)).Payload("removeContent");
        foreach (var (ws, reporter, reportId) in new[] { (fanWs, fan, fanReport), (criticWs, critic, criticReport) })
        {
            var heard = (await ws.ReceiveAsync())["payload"]!["data"]!["userEvents"]!;
            Assert.Equal(("REPORT_OUTCOME", reportId, "REMOVED", reporter.Id.ToString()), (heard["kind"]!.GetValue<string>(),
                heard["reportId"]!.GetValue<string>(), heard["reportOutcome"]!.GetValue<string>(), heard["actor"]!["id"]!.GetValue<string>()));
            Assert.DoesNotContain(moderator.Id.ToString(), heard.ToJsonString());
        }
        // myReports shows the same outcome.
        Assert.Equal("REMOVED", Assert.Single((await Api.PostAsync("{ myReports { edges { node { outcome } } } }", token: fan.Token)).Ok()
            .GetProperty("myReports").Nodes()).GetProperty("outcome").GetString());

        // Restoring tells them again.
        (await Api.PostAsync(Act("restoreContent"), new { c = caseId }, moderator.Token)).Payload("restoreContent");
        Assert.Equal("RESTORED", (await fanWs.ReceiveAsync())["payload"]!["data"]!["userEvents"]!["reportOutcome"]!.GetValue<string>());
    }
}
