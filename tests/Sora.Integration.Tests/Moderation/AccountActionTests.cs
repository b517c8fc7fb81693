using System.Net;
using System.Text.Json;
using Sora.Domain.Moderation;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Moderation;

/// <summary>
/// Actions on an author through GraphQL: strikes and the published escalation rule, suspensions and bans, what a
/// restricted account keeps, and an appeal that undoes them. Every role's refusals.
/// </summary>
public sealed class AccountActionTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Report = "mutation($i: ReportInput!) { report(input: $i) { errors { code } } }";
    private const string Standing = "{ myStanding { activeStrikes suspendedUntil banned nextStrikeExpiresAt } }";
    private const string Comment = "mutation($i: CommentInput!) { comment(input: $i) { errors { code } } }";
    private const string Block = "mutation($i: AccountTargetInput!) { block(input: $i) { errors { code } } }";
    private const string Log = "{ moderationLog { edges { node { action caseId targetId moderatorId } } } }";

    private static string Act(string name, string extra = "") =>
        $"mutation($c: ID!) {{ {name}(input: {{ caseId: $c {extra} }}) {{ case {{ id status authorStruck authorSuspended authorBanned }} errors {{ code }} }} }}";

    private TestAccount? _admin;

    private async Task<TestAccount> WithRoleAsync(string handle, string role)
    {
        var admin = _admin ??= await Api.SignUpAsync(TestSettings.AdminHandle);
        var account = await Api.SignUpAsync(handle);
        await Api.GrantRoleAsync(admin, account, role);
        return account;
    }

    /// <summary>A published video of <paramref name="author"/>, reported by <paramref name="reporter"/>: its case.</summary>
    private async Task<(Guid Video, Guid Case)> ReportedVideoAsync(TestAccount author, TestAccount reporter, string prompt)
    {
        var video = await Host.PublishedVideoAsync(author, prompt);
        Assert.Empty((await Api.PostAsync(Report, new { i = new { target = "VIDEO", targetId = video, reason = "HARASSMENT" } }, reporter.Token))
            .Payload("report").GetProperty("errors").EnumerateArray());
        return (video, ModerationCase.IdFor(ReportTarget.Video, video));
    }

    private async Task<JsonElement> ActAsync(string name, Guid @case, TestAccount by, string extra = "") =>
        (await Api.PostAsync(Act(name, extra), new { c = @case }, by.Token)).Payload(name);

    private async Task<JsonElement> StandingAsync(TestAccount who) => (await Api.PostAsync(Standing, token: who.Token)).Ok().GetProperty("myStanding");

    private async Task<IReadOnlyList<string>> CommentCodesAsync(TestAccount who, Guid video)
    {
        var response = await Api.PostAsync(Comment, new { i = new { videoId = video, text = "nice" } }, who.Token);
        return response.ErrorCodes.Count > 0 ? response.ErrorCodes : response.UserErrors("comment");
    }

    [Fact]
    public async Task The_third_strike_within_90_days_suspends_and_an_overturned_appeal_lifts_it()
    {
        var author = await Api.SignUpAsync("troll");
        var reporter = await Api.SignUpAsync("reporter");
        var other = await Api.SignUpAsync("other");
        var moderator = await WithRoleAsync("mod_one", "MODERATOR");
        var second = await WithRoleAsync("mod_two", "MODERATOR");
        var auditor = await WithRoleAsync("auditor", "AUDITOR");
        var cases = new List<Guid>();
        foreach (var prompt in new[] { "a rude sign", "a ruder sign", "the rudest sign" })
            cases.Add((await ReportedVideoAsync(author, reporter, prompt)).Case);
        var othersVideo = await Host.PublishedVideoAsync(other, "a kind sign");

        var first = await ActAsync("strikeAuthor", cases[0], moderator);
        Assert.Empty(first.GetProperty("errors").EnumerateArray());
        Assert.Equal(("ACTIONED", true, false), (first.GetProperty("case").GetProperty("status").GetString(),
            first.GetProperty("case").GetProperty("authorStruck").GetBoolean(), first.GetProperty("case").GetProperty("authorSuspended").GetBoolean()));
        // One strike per case: striking it again changes nothing.
        await ActAsync("strikeAuthor", cases[0], second);
        await ActAsync("strikeAuthor", cases[1], moderator);
        var two = await StandingAsync(author);
        Assert.Equal((2, JsonValueKind.Null), (two.GetProperty("activeStrikes").GetInt32(), two.GetProperty("suspendedUntil").ValueKind));
        Assert.Empty(await CommentCodesAsync(author, othersVideo));

        // The third strike: the rule suspends for 7 days in the same decision.
        var third = await ActAsync("strikeAuthor", cases[2], moderator);
        Assert.True(third.GetProperty("case").GetProperty("authorSuspended").GetBoolean());
        var suspended = await StandingAsync(author);
        Assert.Equal(3, suspended.GetProperty("activeStrikes").GetInt32());
        var until = suspended.GetProperty("suspendedUntil").GetDateTimeOffset();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(7));
        var log = (await Api.PostAsync(Log, token: auditor.Token)).Ok().GetProperty("moderationLog").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node")).Where(n => n.GetProperty("targetId").GetString() == author.Id.ToString())
            .Select(n => (n.GetProperty("action").GetString(), n.GetProperty("moderatorId").GetString())).ToList();
        Assert.Equal(3, log.Count(a => a == ("STRIKE", moderator.Id.ToString())));
        Assert.Contains(("SUSPEND_BY_RULE", moderator.Id.ToString()), log);

        // Suspended: no creating or interacting, on any transport; protecting themselves and appealing still work.
        Assert.Equal(["ACCOUNT_RESTRICTED"], await CommentCodesAsync(author, othersVideo));
        var request = await Api.PostAsync("mutation($i: RequestGenerationInput!) { requestGeneration(input: $i) { errors { code } } }",
            new { i = GenerationFlow.Input("a comeback", "suspended-1") }, author.Token);
        Assert.Equal(["ACCOUNT_RESTRICTED"], request.ErrorCodes);
        Assert.Equal(until, request.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("restrictedUntil").GetDateTimeOffset());
        // Hidden behind a top-level fragment, the mutation is refused all the same.
        Assert.Equal(["ACCOUNT_RESTRICTED"], (await Api.PostAsync(
            "mutation($i: CommentInput!) { ...c } fragment c on Mutation { comment(input: $i) { errors { code } } }",
            new { i = new { videoId = othersVideo, text = "sneaky" } }, author.Token)).ErrorCodes);
        using (var upload = await GenerationFlow.UploadAsync(Host.Http, author.Token, await File.ReadAllBytesAsync(CameoSeeds.Fixture("faces/person-b.png")), "image/png"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
            Assert.Equal("ACCOUNT_RESTRICTED", JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }
        Assert.Empty((await Api.PostAsync(Block, new { i = new { accountId = reporter.Id } }, author.Token)).Payload("block").GetProperty("errors").EnumerateArray());
        Assert.Empty(await CommentCodesAsync(other, othersVideo)); // nobody else is held up

        // The author appeals the third case; a moderator other than the one who struck overturns it.
        var decisions = (await Api.PostAsync("{ myModerationCases { edges { node { caseId mayAppeal authorStruck authorSuspended } } } }", token: author.Token))
            .Ok().GetProperty("myModerationCases").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        Assert.Equal(3, decisions.Count);
        Assert.All(decisions, d => Assert.True(d.GetProperty("mayAppeal").GetBoolean()));
        Assert.Empty((await Api.PostAsync("mutation($i: AppealInput!) { appeal(input: $i) { errors { code } } }",
            new { i = new { caseId = cases[2], statement = "That sign was a quote from a film." } }, author.Token)).Payload("appeal").GetProperty("errors").EnumerateArray());
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync("mutation($c: ID!) { decideAppeal(input: { caseId: $c, uphold: false }) { errors { code } } }",
            new { c = cases[2] }, moderator.Token)).ErrorCodes);
        Assert.Empty((await Api.PostAsync("mutation($c: ID!) { decideAppeal(input: { caseId: $c, uphold: false }) { errors { code } } }",
            new { c = cases[2] }, second.Token)).Payload("decideAppeal").GetProperty("errors").EnumerateArray());
        var lifted = await StandingAsync(author);
        Assert.Equal((2, JsonValueKind.Null), (lifted.GetProperty("activeStrikes").GetInt32(), lifted.GetProperty("suspendedUntil").ValueKind));
        Assert.Empty(await CommentCodesAsync(author, othersVideo));
    }

    [Fact]
    public async Task A_ban_takes_the_authors_videos_down_and_an_overturned_appeal_brings_them_back()
    {
        var author = await Api.SignUpAsync("spammer");
        var reporter = await Api.SignUpAsync("reporter");
        var viewer = await Api.SignUpAsync("viewer");
        var moderator = await WithRoleAsync("mod_one", "MODERATOR");
        var second = await WithRoleAsync("mod_two", "MODERATOR");
        var (reported, @case) = await ReportedVideoAsync(author, reporter, "buy my pills");
        var another = await Host.PublishedVideoAsync(author, "a sunset over the bay");
        var draft = await Host.DraftVideoAsync(author, "a draft for later");
        Assert.Empty(GraphQLClient.Codes(await Api.VideoAsync(another, viewer.Token)));

        var banned = await ActAsync("banAccount", @case, moderator);
        Assert.Empty(banned.GetProperty("errors").EnumerateArray());
        Assert.True(banned.GetProperty("case").GetProperty("authorBanned").GetBoolean());
        // Every video the author had up left in the ban's transaction, the reported one and the other.
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(reported, viewer.Token)));
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(another, viewer.Token)));
        Assert.DoesNotContain(another, (await Api.FeedAsync(viewer.Token, first: 50)).Ids());
        // Drafts too, so nothing of theirs can go public later (a cameo owner's approval publishes without them).
        await using (var query = Host.Store.QuerySession())
            Assert.Equal([BanAccountDecider.HoldFor(@case)], (await query.LoadAsync<Sora.Domain.Generations.Generation>(draft))!.TakenDownBy);
        var standing = await StandingAsync(author);
        Assert.True(standing.GetProperty("banned").GetBoolean());
        var refused = await Api.PostAsync("mutation($i: RequestGenerationInput!) { requestGeneration(input: $i) { errors { code } } }",
            new { i = GenerationFlow.Input("a new account name", "banned-1") }, author.Token);
        Assert.Equal(["ACCOUNT_RESTRICTED"], refused.ErrorCodes);
        Assert.True(refused.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("banned").GetBoolean());

        Assert.Empty((await Api.PostAsync("mutation($i: AppealInput!) { appeal(input: $i) { errors { code } } }",
            new { i = new { caseId = @case, statement = "Those were not ads." } }, author.Token)).Payload("appeal").GetProperty("errors").EnumerateArray());
        Assert.Empty((await Api.PostAsync("mutation($c: ID!) { decideAppeal(input: { caseId: $c, uphold: false }) { errors { code } } }",
            new { c = @case }, second.Token)).Payload("decideAppeal").GetProperty("errors").EnumerateArray());
        Assert.False((await StandingAsync(author)).GetProperty("banned").GetBoolean());
        Assert.Empty(GraphQLClient.Codes(await Api.VideoAsync(another, viewer.Token)));
        Assert.Empty(GraphQLClient.Codes(await Api.VideoAsync(reported, viewer.Token)));
    }

    [Fact]
    public async Task Only_moderators_act_on_authors_and_never_on_themselves_their_reports_or_their_peers()
    {
        var author = await Api.SignUpAsync("author");
        var reporter = await Api.SignUpAsync("reporter");
        var moderator = await WithRoleAsync("mod_one", "MODERATOR");
        var peer = await WithRoleAsync("mod_peer", "MODERATOR");
        var auditor = await WithRoleAsync("auditor", "AUDITOR");
        var admin = _admin!;
        var (_, @case) = await ReportedVideoAsync(author, reporter, "a shouting match");

        foreach (var name in new[] { "strikeAuthor", "banAccount" })
        {
            Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Act(name), new { c = @case })).ErrorCodes);
            Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Act(name), new { c = @case }, reporter.Token)).ErrorCodes);
            Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Act(name), new { c = @case }, auditor.Token)).ErrorCodes);
            Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Act(name), new { c = @case }, author.Token)).ErrorCodes);
            Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(Act(name), new { c = Guid.NewGuid() }, moderator.Token)).ErrorCodes);
        }
        Assert.Equal(["BAD_USER_INPUT"], (await ActAsync("suspendAccount", @case, moderator, "days: 0")).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("code").GetString()!).ToList());

        // A moderator reported by someone: their peer may not strike them (an admin revokes the role first).
        var (_, peerCase) = await ReportedVideoAsync(peer, reporter, "a moderator's own clip");
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Act("suspendAccount", "days: 3"), new { c = peerCase }, moderator.Token)).ErrorCodes);
        // A moderator who reported a case does not act on it.
        var (_, ownReport) = await ReportedVideoAsync(author, moderator, "another shouting match");
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Act("strikeAuthor"), new { c = ownReport }, moderator.Token)).ErrorCodes);

        // A socket opened before the suspension meets it on its next mutation.
        await using var socket = await WsClient.ConnectAndInitAsync(Host.WebSocketUri, author.Token);
        var suspended = await ActAsync("suspendAccount", @case, admin, "days: 3");
        Assert.Empty(suspended.GetProperty("errors").EnumerateArray());
        var until = (await StandingAsync(author)).GetProperty("suspendedUntil").GetDateTimeOffset();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(3));
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Standing)).ErrorCodes);
        var other = await Host.PublishedVideoAsync(reporter, "a calm lake");
        await socket.SubscribeAsync("m1", "mutation($i: CommentInput!) { comment(input: $i) { errors { code } } }",
            new System.Text.Json.Nodes.JsonObject { ["i"] = new System.Text.Json.Nodes.JsonObject { ["videoId"] = other.ToString(), ["text"] = "hello" } });
        var answer = await socket.ReceiveAsync();
        Assert.Equal(("error", "ACCOUNT_RESTRICTED"), (answer["type"]!.GetValue<string>(), answer["payload"]![0]!["extensions"]!["code"]!.GetValue<string>()));

        // The queue leaves out a case about the moderator's own content: its reports could tell them who reported.
        var peerQueue = (await Api.PostAsync("{ moderationQueue { edges { node { id } } } }", token: peer.Token)).Ok().GetProperty("moderationQueue")
            .GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain(peerCase.ToString(), peerQueue);
        Assert.Contains(ownReport.ToString(), peerQueue);
    }

    [Fact]
    public async Task Every_mutation_a_restricted_account_keeps_exists_and_creating_ones_are_not_among_them()
    {
        var mutations = (await Api.PostAsync("{ __schema { mutationType { fields { name } } } }")).Ok().GetProperty("__schema").GetProperty("mutationType")
            .GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToHashSet();
        // A name that no longer exists would silently shrink what restricted accounts keep.
        Assert.Empty(Sora.GraphQL.Schema.Moderation.RestrictedAccounts.MayStillUse.Except(mutations));
        foreach (var creating in new[] { "requestGeneration", "publishVideo", "comment", "like", "share", "follow", "grantCameoAccess", "startCameoVerification", "updateProfile" })
            Assert.False(Sora.GraphQL.Schema.Moderation.RestrictedAccounts.MayStillUse.Contains(creating), creating);
    }

    [Fact]
    public async Task A_label_keeps_the_video_up_shows_on_it_and_an_overturned_appeal_takes_it_back()
    {
        var author = await Api.SignUpAsync("author");
        var reporter = await Api.SignUpAsync("reporter");
        var viewer = await Api.SignUpAsync("viewer");
        var moderator = await WithRoleAsync("mod_one", "MODERATOR");
        var second = await WithRoleAsync("mod_two", "MODERATOR");
        var (video, @case) = await ReportedVideoAsync(author, reporter, "a storm of strobing lights");
        const string Labels = "query($id: ID!) { video(id: $id) { labels } }";

        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Act("labelContent", "label: FLASHING_LIGHTS"), new { c = @case }, reporter.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Act("labelContent", "label: FLASHING_LIGHTS"), new { c = @case })).ErrorCodes);
        var labelled = await ActAsync("labelContent", @case, moderator, "label: FLASHING_LIGHTS");
        Assert.Equal("ACTIONED", labelled.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(["FLASHING_LIGHTS"], (await Api.PostAsync(Labels, new { id = video }, viewer.Token)).Ok().GetProperty("video").GetProperty("labels")
            .EnumerateArray().Select(l => l.GetString()!).ToArray());
        Assert.Contains(video, (await Api.FeedAsync(viewer.Token, first: 50)).Ids()); // still up

        // An account case has no video to label.
        Assert.Empty((await Api.PostAsync(Report, new { i = new { target = "ACCOUNT", targetId = author.Id, reason = "SPAM" } }, reporter.Token))
            .Payload("report").GetProperty("errors").EnumerateArray());
        Assert.Equal(["NOT_ACTIONABLE"], (await ActAsync("labelContent", ModerationCase.IdFor(ReportTarget.Account, author.Id), moderator, "label: GRAPHIC"))
            .GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToArray());

        Assert.Empty((await Api.PostAsync("mutation($i: AppealInput!) { appeal(input: $i) { errors { code } } }",
            new { i = new { caseId = @case, statement = "The strobe is one second long." } }, author.Token)).Payload("appeal").GetProperty("errors").EnumerateArray());
        Assert.Empty((await Api.PostAsync("mutation($c: ID!) { decideAppeal(input: { caseId: $c, uphold: false }) { case { status } errors { code } } }",
            new { c = @case }, second.Token)).Payload("decideAppeal").GetProperty("errors").EnumerateArray());
        Assert.Empty((await Api.PostAsync(Labels, new { id = video }, viewer.Token)).Ok().GetProperty("video").GetProperty("labels").EnumerateArray());
    }

    [Fact]
    public async Task An_age_restricted_video_leaves_public_surfaces_and_answers_only_signed_in_adults_by_its_link()
    {
        var author = await Api.SignUpAsync("author");
        var reporter = await Api.SignUpAsync("reporter");
        var adult = await Api.SignUpAsync("grown_up");
        var teen = await Api.SignUpAsync("teen", birthDate: DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-15).ToString("yyyy-MM-dd"));
        var moderator = await WithRoleAsync("mod_one", "MODERATOR");
        var second = await WithRoleAsync("mod_two", "MODERATOR");
        var (video, @case) = await ReportedVideoAsync(author, reporter, "a boxing match, bloody noses");
        const string Restricted = "query($id: ID!) { video(id: $id) { id ageRestricted } }";

        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Act("ageRestrictContent"), new { c = @case }, reporter.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Act("ageRestrictContent"), new { c = @case })).ErrorCodes);
        Assert.Equal("ACTIONED", (await ActAsync("ageRestrictContent", @case, moderator)).GetProperty("case").GetProperty("status").GetString());

        // Off the public surfaces for everyone, adults included.
        Assert.DoesNotContain(video, (await Api.FeedAsync(adult.Token, first: 50)).Ids());
        var remix = await Api.PostAsync("mutation($i: RequestGenerationInput!) { requestGeneration(input: $i) { errors { code } } }",
            new { i = GenerationFlow.Input("the match in slow motion", "remix-restricted", remixOf: video) }, adult.Token);
        Assert.Equal(["REMIX_UNAVAILABLE"], remix.Refused("requestGeneration"));
        // By its link: a signed-in adult and its author see it; a teen and an anonymous caller do not.
        Assert.True((await Api.PostAsync(Restricted, new { id = video }, adult.Token)).Ok().GetProperty("video").GetProperty("ageRestricted").GetBoolean());
        Assert.True((await Api.PostAsync(Restricted, new { id = video }, author.Token)).Ok().GetProperty("video").GetProperty("ageRestricted").GetBoolean());
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(video, teen.Token)));
        Assert.Equal(["NOT_FOUND"], GraphQLClient.Codes(await Api.VideoAsync(video, null)));

        // The author appeals; another moderator overturns: public again, for everyone.
        Assert.Empty((await Api.PostAsync("mutation($i: AppealInput!) { appeal(input: $i) { errors { code } } }",
            new { i = new { caseId = @case, statement = "It is a sports broadcast." } }, author.Token)).Payload("appeal").GetProperty("errors").EnumerateArray());
        Assert.Empty((await Api.PostAsync("mutation($c: ID!) { decideAppeal(input: { caseId: $c, uphold: false }) { errors { code } } }",
            new { c = @case }, second.Token)).Payload("decideAppeal").GetProperty("errors").EnumerateArray());
        Assert.False((await Api.PostAsync(Restricted, new { id = video }, teen.Token)).Ok().GetProperty("video").GetProperty("ageRestricted").GetBoolean());
        Assert.Contains(video, (await Api.FeedAsync(adult.Token, first: 50)).Ids());
    }
}
