using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Moderation;

/// <summary>Takedown requests from people without an account: the public endpoint, the mutation, and following one.</summary>
public sealed class TakedownTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Status = "query($t: String!) { takedownStatus(token: $t) { status dueAt requestedAt } }";
    private const string Request = "mutation($i: RequestTakedownInput!) { requestTakedown(input: $i) { trackingToken takedown { status dueAt } errors { code field } } }";

    private static object Form(object video, string email = "jo@example.org", bool goodFaith = true, string? url = null) => new
    {
        videoId = url is null ? video : null, url, name = "Jo Example", email, goodFaith, reason = "LIKENESS_WITHOUT_CONSENT",
        statement = "This shows my face; I never agreed to it.",
    };

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostFormAsync(object form, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/takedown") { Content = JsonContent.Create(form) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await Host.Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Anyone_can_ask_by_link_and_follow_it_to_removal_while_their_details_stay_out_of_events()
    {
        var maker = await Api.SignUpAsync("maker");
        var fan = await Api.SignUpAsync("fan");
        var video = await Host.PublishedVideoAsync(maker, "someone else's face on a stage");

        var (status, body) = await PostFormAsync(Form(video, url: $"https://sora.example/videos/{video}?ref=share"));
        Assert.Equal(HttpStatusCode.Created, status);
        var token = body.GetProperty("trackingToken").GetString()!;
        Assert.Equal("OPEN", body.GetProperty("status").GetString());
        var open = (await Api.PostAsync(Status, new { t = token })).Ok().GetProperty("takedownStatus");
        var requested = open.GetProperty("requestedAt").GetDateTimeOffset();
        Assert.Equal(requested.AddHours(48), open.GetProperty("dueAt").GetDateTimeOffset());

        // Moderators see an urgent case for it; who asked is not in it, nor in any event.
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var moderator = await Api.SignUpAsync("mod_one");
        await Api.GrantRoleAsync(admin, moderator, "MODERATOR");
        var @case = Assert.Single((await Api.PostAsync("{ moderationQueue { edges { node { id targetId urgent dueAt } } } }", token: moderator.Token)).Ok()
            .GetProperty("moderationQueue").GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.Equal((video.ToString(), true), (@case.GetProperty("targetId").GetString(), @case.GetProperty("urgent").GetBoolean()));
        await using (var query = Host.Store.QuerySession())
        {
            var leaks = await query.QueryAsync<int>($"select count(*)::int from {Host.Store.Options.Events.DatabaseSchemaName}.mt_events where data::text ilike ? or data::text ilike ?",
                "%jo@example.org%", "%Jo Example%");
            Assert.Equal(0, leaks.Single());
        }

        (await Api.PostAsync("mutation($c: ID!) { removeContent(input: { caseId: $c, reason: LIKENESS_WITHOUT_CONSENT }) { errors { code } } }",
            new { c = @case.GetProperty("id").GetString() }, moderator.Token)).Ok();
        Assert.Equal("REMOVED", (await Api.PostAsync(Status, new { t = token })).Ok().GetProperty("takedownStatus").GetProperty("status").GetString());
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(video, fan.Token)));
    }

    [Fact]
    public async Task The_mutation_works_without_an_account_and_bad_requests_get_typed_errors()
    {
        var maker = await Api.SignUpAsync("maker");
        var video = await Host.PublishedVideoAsync(maker, "a face that is not theirs");

        var asked = (await Api.PostAsync(Request, new { i = Form(video) })).Payload("requestTakedown");
        Assert.Equal("OPEN", asked.GetProperty("takedown").GetProperty("status").GetString());
        Assert.NotEqual(asked.GetProperty("trackingToken").GetString(), (await Api.PostAsync(Request, new { i = Form(video) })).Payload("requestTakedown")
            .GetProperty("trackingToken").GetString());

        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(Request, new { i = Form(video, goodFaith: false) })).Refused("requestTakedown"));
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(Request, new { i = Form(video, email: "not an email") })).Refused("requestTakedown"));
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Request, new { i = Form(Guid.NewGuid()) })).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Status, new { t = "no-such-token" })).ErrorCodes);

        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(Form(video, goodFaith: false))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(Form(Guid.NewGuid()))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(new { url = "https://example.org/no-id-here", name = "x" })).Status);
        using var garbage = await Host.Http.PostAsync("/takedown", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        using var huge = await Host.Http.PostAsync("/takedown", new StringContent(new string(' ', 20_000) + "{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task One_address_gets_five_requests_then_waits()
    {
        var maker = await Api.SignUpAsync("maker");
        var video = await Host.PublishedVideoAsync(maker, "a face, again and again");
        var from = $"198.51.100.{Random.Shared.Next(1, 255)}";
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Created, (await PostFormAsync(Form(video), from)).Status);
        var (status, body) = await PostFormAsync(Form(video), from);
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (status, body.GetProperty("code").GetString()));
        // Another address is not held up by this one.
        Assert.Equal(HttpStatusCode.Created, (await PostFormAsync(Form(video), "203.0.113.9")).Status);
    }

    private const string CounterNotice = "mutation($i: FileCounterNoticeInput!) { fileCounterNotice(input: $i) { decision { caseId takedownRequested counterNoticeFiledAt } errors { code field } } }";

    [Fact]
    public async Task The_author_answers_a_takedown_with_a_counter_notice_that_a_second_moderator_decides_on_the_same_case()
    {
        var maker = await Api.SignUpAsync("maker");
        var stranger = await Api.SignUpAsync("stranger");
        var viewer = await Api.SignUpAsync("viewer");
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var remover = await Api.SignUpAsync("mod_one");
        var second = await Api.SignUpAsync("mod_two");
        await Api.GrantRoleAsync(admin, remover, "MODERATOR");
        await Api.GrantRoleAsync(admin, second, "MODERATOR");
        var video = await Host.PublishedVideoAsync(maker, "my twin and me at the fair");
        var (_, filed) = await PostFormAsync(Form(video));
        var token = filed.GetProperty("trackingToken").GetString()!;
        var @case = Sora.Domain.Moderation.ModerationCase.IdFor(Sora.Domain.Moderation.ReportTarget.Video, video);
        object Notice(string statement = "She is my twin sister and agreed to it.", bool goodFaith = true) => new { i = new { caseId = @case, statement, goodFaith } };

        // Before a removal there is nothing to answer; nobody but the author may answer.
        Assert.Equal(["NOT_ACTIONABLE"], (await Api.PostAsync(CounterNotice, Notice(), maker.Token)).Refused("fileCounterNotice"));
        Assert.Empty((await Api.PostAsync("mutation($c: ID!) { removeContent(input: { caseId: $c, reason: LIKENESS_WITHOUT_CONSENT }) { errors { code } } }",
            new { c = @case }, remover.Token)).Payload("removeContent").GetProperty("errors").EnumerateArray());
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(CounterNotice, Notice(), stranger.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(CounterNotice, Notice())).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(CounterNotice, Notice(goodFaith: false), maker.Token)).Refused("fileCounterNotice"));

        var answered = (await Api.PostAsync(CounterNotice, Notice(), maker.Token)).Payload("fileCounterNotice");
        Assert.Empty(answered.GetProperty("errors").EnumerateArray());
        Assert.True(answered.GetProperty("decision").GetProperty("takedownRequested").GetBoolean());
        // It is the case's one appeal: a second one is refused.
        Assert.Equal(["ALREADY_APPEALED"], (await Api.PostAsync(CounterNotice, Notice(), maker.Token)).Refused("fileCounterNotice"));
        var waiting = (await Api.PostAsync(Status, new { t = token })).Ok().GetProperty("takedownStatus");
        Assert.Equal("REMOVED", waiting.GetProperty("status").GetString());
        var follow = "query($t: String!) { takedownStatus(token: $t) { status counterNoticeAt counterNoticeUpheld } }";
        Assert.NotEqual(JsonValueKind.Null, (await Api.PostAsync(follow, new { t = token })).Ok().GetProperty("takedownStatus").GetProperty("counterNoticeAt").ValueKind);
        var appeals = (await Api.PostAsync("{ moderationQueue(filter: { appealsOnly: true }) { edges { node { id counterNoticeFiledAt } } } }", token: second.Token)).Ok()
            .GetProperty("moderationQueue").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        Assert.Equal(@case.ToString(), Assert.Single(appeals).GetProperty("id").GetString());

        // The moderator who removed it does not decide it; another one restores the video.
        const string Decide = "mutation($c: ID!) { decideAppeal(input: { caseId: $c, uphold: false }) { errors { code } } }";
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Decide, new { c = @case }, remover.Token)).ErrorCodes);
        Assert.Empty((await Api.PostAsync(Decide, new { c = @case }, second.Token)).Payload("decideAppeal").GetProperty("errors").EnumerateArray());
        var restored = (await Api.PostAsync(follow, new { t = token })).Ok().GetProperty("takedownStatus");
        Assert.Equal(("RESTORED", true), (restored.GetProperty("status").GetString(), restored.GetProperty("counterNoticeUpheld").GetBoolean()));
        Assert.Empty(GraphQLClient.Codes(await Api.VideoAsync(video, viewer.Token)));

        // The statement is sealed: no event carries it.
        await using var query = Host.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(@case);
        Assert.DoesNotContain(events, e => System.Text.Json.JsonSerializer.Serialize(e.Data).Contains("twin sister"));
    }
}
