using System.Text.Json;
using Sora.Domain.Generations;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Moderation;

/// <summary>Reports, the queue, and the actions on a case, through GraphQL, with every role's refusals.</summary>
public sealed class ModerationTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Report = "mutation($i: ReportInput!) { report(input: $i) { report { id reason outcome target targetId } errors { code } } }";
    private const string Queue = "query($f: ModerationQueueFilter) { moderationQueue(filter: $f) { edges { node { id targetId topReason urgent reportCount overdue status authorId } } } }";
    private const string MyReports = "{ myReports { edges { node { id outcome targetId } } } }";
    private const string Log = "{ moderationLog { edges { node { action caseId targetId moderatorId } } } }";

    private static string Act(string name, string extra = "") =>
        $"mutation($c: ID!) {{ {name}(input: {{ caseId: $c {extra} }}) {{ case {{ id status }} errors {{ code }} }} }}";

    private Task<GqlResponse> ReportAsync(TestAccount by, string target, Guid id, string reason, string? text = null) =>
        Api.PostAsync(Report, new { i = new { target, targetId = id, reason, text } }, by?.Token);

    private TestAccount? _admin;

    private async Task<TestAccount> WithRoleAsync(string handle, string role)
    {
        var admin = _admin ??= await Api.SignUpAsync(TestSettings.AdminHandle);
        var account = await Api.SignUpAsync(handle);
        await Api.GrantRoleAsync(admin, account, role);
        return account; // roles are read per request: the token in hand now moderates
    }

    private async Task<JsonElement[]> QueueAsync(TestAccount moderator, object? filter = null) =>
        (await Api.PostAsync(Queue, new { f = filter }, moderator.Token)).Ok().GetProperty("moderationQueue").GetProperty("edges").EnumerateArray()
        .Select(e => e.GetProperty("node")).ToArray();

    private async Task<Guid> RemixOfAsync(TestAccount author, Guid source, string prompt)
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using var session = Host.Store.LightweightSession();
        session.Events.StartStream<Generation>(id,
            new GenerationRequested(id, author.Id, author.Handle, prompt, 5, VideoAspect.Square1x1, VideoResolution.Sd480, 7, null, source, [],
                1, 1, 0, DateOnly.FromDateTime(now.UtcDateTime), $"seed-{id:N}", now),
            new GenerationRendered(id, author.Id, "seeded", "seeded", 480, 480, 5, 1, "seeded", "sora-cppn-1", "cpu", now));
        await session.SaveChangesAsync();
        // Published in its own transaction, as the creator would: the visibility projection reads the stored generation.
        await using var publish = Host.Store.LightweightSession();
        publish.Events.Append(id, new VideoPublished(id, author.Id, now));
        await publish.SaveChangesAsync();
        return id;
    }

    private async Task<bool> PublicAsync(Guid video, TestAccount viewer)
    {
        var byId = GraphQLClient.Codes(await Api.VideoAsync(video, viewer.Token));
        var inFeed = (await Api.FeedAsync(viewer.Token, first: 50)).Ids().Contains(video);
        Assert.True(byId.Count == 0 == inFeed, $"video(id) answered [{string.Join(",", byId)}] but the feed {(inFeed ? "has" : "lacks")} it");
        return inFeed;
    }

    [Fact]
    public async Task A_report_is_idempotent_never_on_yourself_and_only_on_what_you_can_see()
    {
        var maker = await Api.SignUpAsync("maker");
        var fan = await Api.SignUpAsync("fan");
        var video = await Host.PublishedVideoAsync(maker, "a juggler on a unicycle");

        var first = (await ReportAsync(fan, "VIDEO", video, "SPAM", "it is an ad")).Payload("report").GetProperty("report");
        var again = (await ReportAsync(fan, "VIDEO", video, "SPAM")).Payload("report").GetProperty("report");
        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal("OPEN", first.GetProperty("outcome").GetString());
        Assert.Equal(first.GetProperty("id").GetString(),
            Assert.Single((await Api.PostAsync(MyReports, token: fan.Token)).Ok().GetProperty("myReports").GetProperty("edges").EnumerateArray())
                .GetProperty("node").GetProperty("id").GetString());

        Assert.Equal(["CANNOT_TARGET_SELF"], (await ReportAsync(maker, "VIDEO", video, "SPAM")).Refused("report"));
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Report, new { i = new { target = "VIDEO", targetId = video, reason = "SPAM" } })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await ReportAsync(fan, "VIDEO", Guid.NewGuid(), "SPAM")).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await ReportAsync(fan, "VIDEO", await Host.DraftVideoAsync(maker, "a private draft"), "SPAM")).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await ReportAsync(fan, "ACCOUNT", maker.Id, "OTHER", new string('x', 1001))).Refused("report"));

        // An account the author blocks cannot see the video, so cannot report it either.
        var blocked = await Api.SignUpAsync("blocked_one");
        (await Api.PostAsync("mutation($i: AccountTargetInput!) { block(input: $i) { errors { code } } }", new { i = new { accountId = blocked.Id } }, maker.Token)).Ok();
        Assert.Equal(["NOT_FOUND"], (await ReportAsync(blocked, "VIDEO", video, "SPAM")).ErrorCodes);

        // The case counts one report from the fan, and the queue never names who reported.
        var moderator = await WithRoleAsync("mod_one", "MODERATOR");
        var @case = Assert.Single(await QueueAsync(moderator));
        Assert.Equal((video.ToString(), 1, "SPAM", false), (@case.GetProperty("targetId").GetString(), @case.GetProperty("reportCount").GetInt32(),
            @case.GetProperty("topReason").GetString(), @case.GetProperty("urgent").GetBoolean()));
        Assert.DoesNotContain(fan.Id.ToString(), @case.GetRawText());
    }

    [Fact]
    public async Task The_queue_puts_urgent_reasons_first_and_only_moderators_see_it()
    {
        var maker = await Api.SignUpAsync("maker");
        var spam = await Host.PublishedVideoAsync(maker, "buy my course now");
        var likeness = await Host.PublishedVideoAsync(maker, "a face I never agreed to");
        var reporters = new List<TestAccount>();
        for (var i = 0; i < 3; i++) reporters.Add(await Api.SignUpAsync($"reporter_{i}"));
        foreach (var r in reporters) await ReportAsync(r, "VIDEO", spam, "SPAM");
        (await ReportAsync(reporters[0], "VIDEO", likeness, "LIKENESS_WITHOUT_CONSENT")).Payload("report");

        var moderator = await WithRoleAsync("mod_one", "MODERATOR");
        var queue = await QueueAsync(moderator);
        // One likeness report outranks three spam reports.
        Assert.Equal([likeness.ToString(), spam.ToString()], queue.Select(c => c.GetProperty("targetId").GetString()));
        Assert.True(queue[0].GetProperty("urgent").GetBoolean());
        Assert.Equal(3, queue[1].GetProperty("reportCount").GetInt32());
        Assert.Equal([likeness.ToString()], (await QueueAsync(moderator, new { target = "VIDEO", overdueOnly = false })).Take(1).Select(c => c.GetProperty("targetId").GetString()));

        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Queue, token: reporters[0].Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Queue)).ErrorCodes);
        var auditor = await WithRoleAsync("auditor_one", "AUDITOR");
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Queue, token: auditor.Token)).ErrorCodes);
    }

    [Fact]
    public async Task Removal_hides_the_video_and_its_remixes_everywhere_at_once_and_restoring_brings_them_back()
    {
        var maker = await Api.SignUpAsync("maker");
        var remixer = await Api.SignUpAsync("remixer");
        var fan = await Api.SignUpAsync("fan");
        var video = await Host.PublishedVideoAsync(maker, "a stolen face dancing");
        var remix = await RemixOfAsync(remixer, video, "the stolen face dancing faster");
        Assert.True(await PublicAsync(video, fan));
        Assert.True(await PublicAsync(remix, fan));
        await ReportAsync(fan, "VIDEO", video, "LIKENESS_WITHOUT_CONSENT");

        var moderator = await WithRoleAsync("mod_one", "MODERATOR");
        var caseId = Assert.Single(await QueueAsync(moderator)).GetProperty("id").GetString();

        // The wrong people are refused: a plain user, the author themselves as a moderator, a moderator who reported it.
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Act("removeContent", "reason: LIKENESS_WITHOUT_CONSENT"), new { c = caseId }, fan.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Act("removeContent", "reason: LIKENESS_WITHOUT_CONSENT"), new { c = caseId })).ErrorCodes);
        var reportingModerator = await WithRoleAsync("mod_two", "MODERATOR");
        await ReportAsync(reportingModerator, "VIDEO", video, "LIKENESS_WITHOUT_CONSENT");
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Act("removeContent", "reason: LIKENESS_WITHOUT_CONSENT"), new { c = caseId }, reportingModerator.Token)).ErrorCodes);

        var removed = (await Api.PostAsync(Act("removeContent", "reason: LIKENESS_WITHOUT_CONSENT"), new { c = caseId }, moderator.Token)).Payload("removeContent");
        Assert.Equal("REMOVED", removed.GetProperty("case").GetProperty("status").GetString());
        foreach (var gone in new[] { video, remix })
        {
            Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(gone, fan.Token)));
            Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(gone, null)));
            Assert.DoesNotContain(gone, (await Api.FeedAsync(fan.Token, first: 50)).Ids());
        }
        // A new remix of it is refused: it is no longer public.
        var refused = await Api.PostAsync("mutation($i: RequestGenerationInput!) { requestGeneration(input: $i) { errors { code } } }",
            new { i = GenerationFlow.Input("again, faster", "remix-after-removal", remixOf: video) }, remixer.Token);
        Assert.Equal(["REMIX_UNAVAILABLE"], refused.Refused("requestGeneration"));
        Assert.Equal("REMOVED", Assert.Single((await Api.PostAsync(MyReports, token: fan.Token)).Ok().GetProperty("myReports").GetProperty("edges").EnumerateArray())
            .GetProperty("node").GetProperty("outcome").GetString());
        Assert.Empty(await QueueAsync(moderator));

        // The log names who acted, for auditors only.
        var auditor = await WithRoleAsync("auditor_one", "AUDITOR");
        var logged = Assert.Single((await Api.PostAsync(Log, token: auditor.Token)).Ok().GetProperty("moderationLog").GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.Equal(("REMOVE", moderator.Id.ToString(), video.ToString()),
            (logged.GetProperty("action").GetString(), logged.GetProperty("moderatorId").GetString(), logged.GetProperty("targetId").GetString()));
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Log, token: moderator.Token)).ErrorCodes);

        var restored = (await Api.PostAsync(Act("restoreContent"), new { c = caseId }, moderator.Token)).Payload("restoreContent");
        Assert.Equal("RESTORED", restored.GetProperty("case").GetProperty("status").GetString());
        Assert.True(await PublicAsync(video, fan));
        Assert.True(await PublicAsync(remix, fan));
        Assert.Equal(["NOT_ACTIONABLE"], (await Api.PostAsync(Act("restoreContent"), new { c = caseId }, moderator.Token)).Refused("restoreContent"));
    }

    [Fact]
    public async Task A_moderator_cannot_act_on_their_own_content_and_a_dismissed_case_tells_its_reporter()
    {
        var moderator = await WithRoleAsync("mod_maker", "MODERATOR");
        var fan = await Api.SignUpAsync("fan");
        var own = await Host.PublishedVideoAsync(moderator, "my own juggling act");
        await ReportAsync(fan, "VIDEO", own, "HARASSMENT");
        var other = await WithRoleAsync("mod_other", "MODERATOR");
        var caseId = Assert.Single(await QueueAsync(other)).GetProperty("id").GetString();
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Act("dismissCase"), new { c = caseId }, moderator.Token)).ErrorCodes);

        Assert.Equal("DISMISSED", (await Api.PostAsync(Act("dismissCase"), new { c = caseId }, other.Token)).Payload("dismissCase")
            .GetProperty("case").GetProperty("status").GetString());
        Assert.Equal("DISMISSED", Assert.Single((await Api.PostAsync(MyReports, token: fan.Token)).Ok().GetProperty("myReports").GetProperty("edges").EnumerateArray())
            .GetProperty("node").GetProperty("outcome").GetString());
        Assert.True(await PublicAsync(own, fan));
        Assert.Equal(["NOT_ACTIONABLE"], (await Api.PostAsync(Act("dismissCase"), new { c = caseId }, other.Token)).Refused("dismissCase"));
    }

    [Fact]
    public async Task The_author_appeals_a_removal_once_and_a_second_moderator_overturns_it()
    {
        var maker = await Api.SignUpAsync("maker");
        var fan = await Api.SignUpAsync("fan");
        var video = await Host.PublishedVideoAsync(maker, "a dance that broke no rule");
        await ReportAsync(fan, "VIDEO", video, "HATE");
        var first = await WithRoleAsync("mod_one", "MODERATOR");
        var second = await WithRoleAsync("mod_two", "MODERATOR");
        var caseId = Assert.Single(await QueueAsync(first)).GetProperty("id").GetString();
        (await Api.PostAsync(Act("removeContent", "reason: HATE"), new { c = caseId }, first.Token)).Ok();

        const string Mine = "{ myModerationCases { edges { node { caseId status mayAppeal appealUpheld } } } }";
        var decision = Assert.Single((await Api.PostAsync(Mine, token: maker.Token)).Ok().GetProperty("myModerationCases").GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.Equal((caseId, "REMOVED", true), (decision.GetProperty("caseId").GetString(), decision.GetProperty("status").GetString(), decision.GetProperty("mayAppeal").GetBoolean()));
        Assert.Empty((await Api.PostAsync(Mine, token: fan.Token)).Ok().GetProperty("myModerationCases").GetProperty("edges").EnumerateArray());

        const string Appeal = "mutation($c: ID!, $s: String!) { appeal(input: { caseId: $c, statement: $s }) { decision { mayAppeal } errors { code } } }";
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Appeal, new { c = caseId, s = "not mine to appeal" }, fan.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Appeal, new { c = caseId, s = "anonymous" })).ErrorCodes);
        Assert.False((await Api.PostAsync(Appeal, new { c = caseId, s = "it is a dance" }, maker.Token)).Payload("appeal").GetProperty("decision").GetProperty("mayAppeal").GetBoolean());
        Assert.Equal(["ALREADY_APPEALED"], (await Api.PostAsync(Appeal, new { c = caseId, s = "again" }, maker.Token)).Refused("appeal"));

        // The appeal waits for a second moderator: the one who removed may not decide it.
        Assert.Equal([video.ToString()], (await QueueAsync(second, new { appealsOnly = true })).Select(c => c.GetProperty("targetId").GetString()));
        const string Decide = "mutation($c: ID!, $u: Boolean!) { decideAppeal(input: { caseId: $c, uphold: $u }) { case { status appealUpheld } errors { code } } }";
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Decide, new { c = caseId, u = true }, first.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Decide, new { c = caseId, u = true }, maker.Token)).ErrorCodes);
        var overturned = (await Api.PostAsync(Decide, new { c = caseId, u = false }, second.Token)).Payload("decideAppeal").GetProperty("case");
        Assert.Equal(("RESTORED", false), (overturned.GetProperty("status").GetString(), overturned.GetProperty("appealUpheld").GetBoolean()));
        Assert.True(await PublicAsync(video, fan));
        Assert.Empty(await QueueAsync(second, new { appealsOnly = true }));
        Assert.Equal(["NOT_ACTIONABLE"], (await Api.PostAsync(Decide, new { c = caseId, u = true }, second.Token)).Refused("decideAppeal"));

        var auditor = await WithRoleAsync("auditor_one", "AUDITOR");
        var actions = (await Api.PostAsync(Log, token: auditor.Token)).Ok().GetProperty("moderationLog").GetProperty("edges").EnumerateArray()
            .Select(e => (e.GetProperty("node").GetProperty("action").GetString(), e.GetProperty("node").GetProperty("moderatorId").GetString())).ToList();
        Assert.Equal([("RESTORE", second.Id.ToString()), ("APPEAL_OVERTURNED", second.Id.ToString()), ("REMOVE", first.Id.ToString())], actions);
    }

    [Fact]
    public async Task A_removed_comment_leaves_the_video_and_an_account_case_can_only_be_dismissed()
    {
        var maker = await Api.SignUpAsync("maker");
        var troll = await Api.SignUpAsync("troll");
        var fan = await Api.SignUpAsync("fan");
        var video = await Host.PublishedVideoAsync(maker, "a quiet lake at dawn");
        var comment = Guid.Parse((await Api.PostAsync("mutation($v: ID!) { comment(input: { videoId: $v, text: \"you are awful\" }) { comment { id } errors { code } } }",
            new { v = video }, troll.Token)).Payload("comment").GetProperty("comment").GetProperty("id").GetString()!);
        await ReportAsync(fan, "COMMENT", comment, "HARASSMENT");
        await ReportAsync(fan, "ACCOUNT", troll.Id, "HARASSMENT");
        var moderator = await WithRoleAsync("mod_one", "MODERATOR");
        var cases = await QueueAsync(moderator, new { target = "COMMENT" });
        var commentCase = Assert.Single(cases);
        Assert.Equal(troll.Id.ToString(), commentCase.GetProperty("authorId").GetString());
        (await Api.PostAsync(Act("removeContent", "reason: HARASSMENT"), new { c = commentCase.GetProperty("id").GetString() }, moderator.Token)).Ok();

        const string Comments = "query($v: ID!) { video(id: $v) { comments { edges { node { id } } } } }";
        Assert.Empty((await Api.PostAsync(Comments, new { v = video }, fan.Token)).Ok().GetProperty("video").GetProperty("comments").GetProperty("edges").EnumerateArray());
        Assert.True(await PublicAsync(video, fan));

        var accountCase = Assert.Single(await QueueAsync(moderator, new { target = "ACCOUNT" })).GetProperty("id").GetString();
        Assert.Equal(["NOT_ACTIONABLE"], (await Api.PostAsync(Act("removeContent", "reason: HARASSMENT"), new { c = accountCase }, moderator.Token)).Refused("removeContent"));
        Assert.Equal("DISMISSED", (await Api.PostAsync(Act("dismissCase"), new { c = accountCase }, moderator.Token)).Payload("dismissCase")
            .GetProperty("case").GetProperty("status").GetString());
    }
}
