using System.Text.Json;
using Marten;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Moderation;

/// <summary>transparencyReport against a scenario whose times the test sets on the host's clock.</summary>
[Collection("moderation-clock")]
public sealed class TransparencyReportTests(ModerationClockFixture fixture)
{
    private const string ReportQuery = """
        query($from: DateTimeOffset!, $to: DateTimeOffset!) { transparencyReport(from: $from, to: $to) {
          reportsByReason { reason count } actionsByKind { kind count }
          timeToAction { count medianSeconds p95Seconds }
          appeals { filed upheld overturned medianSecondsToDecide }
          takedownRequests { filed byOutcome { kind count } } } }
        """;

    private GraphQLClient Api => new(fixture.Host.Http);
    private MovableClock Clock => fixture.Clock;

    /// <summary>Tokens are issued on the host's clock: after moving it, sign in again.</summary>
    private async Task<string> TokenAsync(string handle) =>
        (await Api.PostAsync(Ops.SignIn, new { input = new { login = handle, password = TestSettings.Password } })).Ok()
        .GetProperty("signIn").GetProperty("token").GetString()!;

    private async Task ReportAsync(string handle, Guid video, string reason) =>
        (await Api.PostAsync("mutation($i: ReportInput!) { report(input: $i) { errors { code } } }",
            new { i = new { target = "VIDEO", targetId = video, reason } }, await TokenAsync(handle))).Ok();

    private async Task<string> CaseAsync(string moderator, Guid video) =>
        (await Api.PostAsync("query($f: ModerationQueueFilter) { moderationQueue(filter: $f, first: 100) { edges { node { id targetId } } } }",
            new { f = new { appealsOnly = false } }, await TokenAsync(moderator))).Ok().GetProperty("moderationQueue").Nodes()
        .Single(n => n.GetProperty("targetId").GetString() == video.ToString()).GetProperty("id").GetString()!;

    private async Task ActAsync(string moderator, string action, string caseId, string extra = "") =>
        (await Api.PostAsync($"mutation($c: ID!) {{ {action}(input: {{ caseId: $c {extra} }}) {{ errors {{ code }} }} }}", new { c = caseId },
            await TokenAsync(moderator))).Payload(action);

    private async Task<JsonElement> FiguresAsync(DateTimeOffset from, DateTimeOffset to, string? token = null) =>
        (await Api.PostAsync(ReportQuery, new { from, to }, token)).Ok().GetProperty("transparencyReport");

    [Fact]
    public async Task The_report_counts_reasons_actions_times_to_action_appeals_and_takedowns_in_its_window()
    {
        await fixture.Host.App.ResetAllMartenDataAsync();
        var start = Clock.GetUtcNow();
        var maker = await Api.SignUpAsync("maker");
        foreach (var handle in new[] { "fan_a", "fan_b", "fan_c" }) await Api.SignUpAsync(handle);
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        foreach (var handle in new[] { "mod_a", "mod_b" }) await Api.GrantRoleAsync(admin, await Api.SignUpAsync(handle), "MODERATOR");
        var first = await fixture.Host.PublishedVideoAsync(maker, "a stolen face", start);
        var second = await fixture.Host.PublishedVideoAsync(maker, "cheap pills", start);
        var third = await fixture.Host.PublishedVideoAsync(maker, "a crowd scene", start);
        var fourth = await fixture.Host.PublishedVideoAsync(maker, "a quiet street", start);

        // t0: two likeness reports and a takedown request on the first video, a spam report on the second.
        Clock.Advance(TimeSpan.FromMinutes(1));
        await ReportAsync("fan_a", first, "LIKENESS_WITHOUT_CONSENT");
        await ReportAsync("fan_b", first, "LIKENESS_WITHOUT_CONSENT");
        (await Api.PostAsync("mutation($i: RequestTakedownInput!) { requestTakedown(input: $i) { errors { code } } }",
            new { i = new { videoId = first, name = "A Person", email = "a@example.org", statement = "that is me", goodFaith = true } })).Payload("requestTakedown");
        await ReportAsync("fan_a", second, "SPAM");
        // A takedown that stays pending, and a harassment report, on the third.
        (await Api.PostAsync("mutation($i: RequestTakedownInput!) { requestTakedown(input: $i) { errors { code } } }",
            new { i = new { videoId = third, name = "B Person", email = "b@example.org", statement = "me too", goodFaith = true } })).Payload("requestTakedown");
        await ReportAsync("fan_c", third, "HARASSMENT");

        // +2 h: the first is removed (2 h after its first report); +10 h: the second is dismissed (10 h).
        Clock.Advance(TimeSpan.FromHours(2));
        var firstCase = await CaseAsync("mod_a", first);
        await ActAsync("mod_a", "removeContent", firstCase, "reason: LIKENESS_WITHOUT_CONSENT");
        Clock.Advance(TimeSpan.FromHours(8));
        await ActAsync("mod_a", "dismissCase", await CaseAsync("mod_a", second));

        // The author appeals at +11 h; another moderator upholds it 3 h later.
        Clock.Advance(TimeSpan.FromHours(1));
        (await Api.PostAsync("mutation($c: ID!) { appeal(input: { caseId: $c, statement: \"it is satire\" }) { errors { code } } }", new { c = firstCase },
            await TokenAsync("maker"))).Payload("appeal");
        Clock.Advance(TimeSpan.FromHours(3));
        (await Api.PostAsync("mutation($c: ID!) { decideAppeal(input: { caseId: $c, uphold: true }) { errors { code } } }", new { c = firstCase },
            await TokenAsync("mod_b"))).Payload("decideAppeal");

        // +14 h: a report on the fourth, dismissed 1 h later: the third time to action.
        await ReportAsync("fan_b", fourth, "VIOLENCE");
        Clock.Advance(TimeSpan.FromHours(1));
        await ActAsync("mod_b", "dismissCase", await CaseAsync("mod_b", fourth));
        var end = Clock.GetUtcNow().AddMinutes(1);

        // Public: an anonymous caller reads the figures.
        var figures = await FiguresAsync(start, end);
        // Account holders' reports only; the two takedown requests are counted below.
        Assert.Equal(new Dictionary<string, int> { ["LIKENESS_WITHOUT_CONSENT"] = 2, ["HARASSMENT"] = 1, ["VIOLENCE"] = 1, ["SPAM"] = 1 },
            figures.GetProperty("reportsByReason").EnumerateArray().ToDictionary(r => r.GetProperty("reason").GetString()!, r => r.GetProperty("count").GetInt32()));
        Assert.Equal([("APPEAL_UPHELD", 1), ("DISMISS", 2), ("REMOVE", 1)],
            figures.GetProperty("actionsByKind").EnumerateArray().Select(a => (a.GetProperty("kind").GetString()!, a.GetProperty("count").GetInt32())));
        var timing = figures.GetProperty("timeToAction");
        // 1 h, 2 h and 10 h: the median is 2 h, the 95th percentile (nearest rank) 10 h.
        Assert.Equal((3, 2 * 3600.0, 10 * 3600.0), (timing.GetProperty("count").GetInt32(), timing.GetProperty("medianSeconds").GetDouble(),
            timing.GetProperty("p95Seconds").GetDouble()));
        var appeals = figures.GetProperty("appeals");
        Assert.Equal((1, 1, 0, 3 * 3600.0), (appeals.GetProperty("filed").GetInt32(), appeals.GetProperty("upheld").GetInt32(),
            appeals.GetProperty("overturned").GetInt32(), appeals.GetProperty("medianSecondsToDecide").GetDouble()));
        var takedowns = figures.GetProperty("takedownRequests");
        Assert.Equal(2, takedowns.GetProperty("filed").GetInt32());
        Assert.Equal([("PENDING", 1), ("REMOVE", 1)],
            takedowns.GetProperty("byOutcome").EnumerateArray().Select(o => (o.GetProperty("kind").GetString()!, o.GetProperty("count").GetInt32())));
        // Counts only: nobody is named.
        foreach (var who in new[] { maker.Id.ToString(), "fan_a", "mod_a", "A Person" }) Assert.DoesNotContain(who, figures.GetRawText());

        // The window bounds every figure: the last hour holds only the fourth video's dismissal (its report came before).
        var lastHour = await FiguresAsync(end.AddMinutes(-60), end);
        Assert.Equal(0, lastHour.GetProperty("reportsByReason").GetArrayLength());
        Assert.Equal([("DISMISS", 1)], lastHour.GetProperty("actionsByKind").EnumerateArray().Select(a => (a.GetProperty("kind").GetString()!, a.GetProperty("count").GetInt32())));
        Assert.Equal(3600.0, lastHour.GetProperty("timeToAction").GetProperty("medianSeconds").GetDouble());
        Assert.Equal(0, lastHour.GetProperty("takedownRequests").GetProperty("filed").GetInt32());

        // A window must run forward and span at most 366 days.
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(ReportQuery, new { from = end, to = start })).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(ReportQuery, new { from = start, to = start })).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(ReportQuery, new { from = start, to = start.AddDays(367) })).ErrorCodes);
        Assert.Equal(0, (await FiguresAsync(start.AddDays(-366), start)).GetProperty("timeToAction").GetProperty("count").GetInt32());
    }
}
