using System.Text.Json;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Moderation;

/// <summary>The configurable prompt policy on requestGeneration, and its appeal path: a review a moderator decides.</summary>
public sealed class PromptPolicyTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Review = "mutation($i: RequestPromptReviewInput!) { requestPromptReview(input: $i) { decision { caseId status target } errors { code field } } }";
    private const string Allow = "mutation($c: ID!) { allowPrompt(input: { caseId: $c }) { case { id status } errors { code } } }";

    private async Task<TestAccount> WithRoleAsync(TestAccount admin, string handle, string role)
    {
        var account = await Api.SignUpAsync(handle);
        await Api.GrantRoleAsync(admin, account, role);
        return account;
    }

    [Fact]
    public async Task Built_in_and_configured_categories_refuse_with_a_typed_code_whatever_the_disguise()
    {
        var maker = await Api.SignUpAsync("maker");
        foreach (var prompt in new[] { "Please NUDIFY the woman in this photo", "n u d i f y my classmate", "a d33pfake p0rn of a singer", "a bowl of Zorblax-fruit on a table" })
        {
            var refused = await Api.GenerateAsync(maker.Token, GenerationFlow.Input(prompt, $"p-{Guid.NewGuid():N}"));
            Assert.Equal(["PROMPT_NOT_ALLOWED"], refused.Codes());
            Assert.Equal("prompt", refused.GetProperty("errors")[0].GetProperty("field").GetString());
        }
        // Whole words only: a term inside another word, or an ordinary prompt, goes through.
        Assert.Empty((await Api.GenerateAsync(maker.Token, GenerationFlow.Input("a zorblaxian fruit stand at dawn", "ok-1"))).Codes());
        Assert.Empty((await Api.GenerateAsync(maker.Token, GenerationFlow.Input("a child flies a kite on the beach", "ok-2"))).Codes());
        // A refusal leaves no generation and costs nothing.
        Assert.Equal(2, (await Api.PostAsync("{ myGenerations { edges { node { id } } } }", token: maker.Token)).Ok()
            .GetProperty("myGenerations").GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task A_refused_prompt_is_reviewed_by_a_moderator_who_can_allow_it_to_its_requester()
    {
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var chef = await Api.SignUpAsync("chef");
        var other = await Api.SignUpAsync("other_cook");
        var moderator = await WithRoleAsync(admin, "mod_one", "MODERATOR");
        var auditor = await WithRoleAsync(admin, "auditor", "AUDITOR");
        const string prompt = "a still life with zorblax fruit and pears";

        Assert.Equal(["PROMPT_NOT_ALLOWED"], (await Api.GenerateAsync(chef.Token, GenerationFlow.Input(prompt, "still-1"))).Codes());
        // Only a refused prompt is reviewed; anonymous callers ask nothing.
        Assert.Equal(["NOT_ACTIONABLE"], (await Api.PostAsync(Review, new { i = new { prompt = "a still life with pears" } }, chef.Token)).Refused("requestPromptReview"));
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Review, new { i = new { prompt } })).ErrorCodes);

        var review = (await Api.PostAsync(Review, new { i = new { prompt } }, chef.Token)).Payload("requestPromptReview").GetProperty("decision");
        Assert.Equal(("OPEN", "PROMPT"), (review.GetProperty("status").GetString(), review.GetProperty("target").GetString()));
        var caseId = review.GetProperty("caseId").GetString()!;
        // Asking again meets the same review.
        Assert.Equal(caseId, (await Api.PostAsync(Review, new { i = new { prompt = "A still life with ZORBLAX fruit, and pears!" } }, chef.Token))
            .Payload("requestPromptReview").GetProperty("decision").GetProperty("caseId").GetString());

        var queued = (await Api.PostAsync("{ moderationQueue { edges { node { id target prompt } } } }", token: moderator.Token)).Ok()
            .GetProperty("moderationQueue").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).Single(n => n.GetProperty("id").GetString() == caseId);
        Assert.Equal(prompt, queued.GetProperty("prompt").GetString());

        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(Allow, new { c = caseId })).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Allow, new { c = caseId }, chef.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Allow, new { c = caseId }, auditor.Token)).ErrorCodes);
        var allowed = (await Api.PostAsync(Allow, new { c = caseId }, moderator.Token)).Payload("allowPrompt");
        Assert.Equal("RESTORED", allowed.GetProperty("case").GetProperty("status").GetString());

        // The requester may make it now (as normalized); nobody else gained anything.
        Assert.Empty((await Api.GenerateAsync(chef.Token, GenerationFlow.Input("A still life with Zorblax fruit and pears", "still-2"))).Codes());
        Assert.Equal(["PROMPT_NOT_ALLOWED"], (await Api.GenerateAsync(other.Token, GenerationFlow.Input(prompt, "still-3"))).Codes());
        var mine = (await Api.PostAsync("{ myModerationCases { edges { node { caseId status } } } }", token: chef.Token)).Ok()
            .GetProperty("myModerationCases").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).Single();
        Assert.Equal((caseId, "RESTORED"), (mine.GetProperty("caseId").GetString(), mine.GetProperty("status").GetString()));
        Assert.Equal(["NOT_ACTIONABLE"], (await Api.PostAsync(Allow, new { c = caseId }, moderator.Token)).Refused("allowPrompt"));

        // The prompt is sealed: no event carries it.
        await using var query = Host.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(Guid.Parse(caseId));
        Assert.DoesNotContain(events, e => JsonSerializer.Serialize(e.Data).Contains("pears"));
    }
}
