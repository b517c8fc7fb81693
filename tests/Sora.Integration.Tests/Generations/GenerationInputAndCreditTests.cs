using System.Net;
using Marten;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Generations;

/// <summary>Bad input gets a typed error and costs nothing; the credit ledger never goes negative; rights are checked.</summary>
public sealed class GenerationInputAndCreditTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private async Task<long> EventCountAsync()
    {
        await using var session = Host.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    [Fact]
    public async Task Every_bad_input_is_refused_with_its_code_and_leaves_the_store_untouched()
    {
        var maker = await Api.SignUpAsync("maker");
        var events = await EventCountAsync();
        async Task Refused(object input, string code)
        {
            var response = await Api.PostAsync(GenerationFlow.Request, new { input }, maker.Token);
            Assert.Equal([code], response.UserErrors("requestGeneration"));
        }
        await Refused(GenerationFlow.Input("   ", "b1"), "INVALID_PROMPT");
        await Refused(GenerationFlow.Input(new string('x', 1001), "b2"), "INVALID_PROMPT");
        await Refused(GenerationFlow.Input("a cat", "b3", duration: 7), "UNSUPPORTED_DURATION");
        await Refused(GenerationFlow.Input("@ann @bob @cid on a boat", "b4"), "TOO_MANY_CAMEOS");
        await Refused(GenerationFlow.Input("@ghost_user on a boat", "b5"), "UNKNOWN_CAMEO");
        await Refused(GenerationFlow.Input("a cat", "b6", image: new string('a', 64)), "INVALID_IMAGE");
        await Refused(GenerationFlow.Input("a cat", "b7", remixOf: Guid.NewGuid()), "REMIX_UNAVAILABLE");
        await Refused(GenerationFlow.Input("a cat", "b8", duration: 15, resolution: "FHD_1080P"), "INSUFFICIENT_CREDITS");
        var badEnum = await Api.PostAsync(GenerationFlow.Request, new { input = new { prompt = "a cat", durationSeconds = 5, aspect = "SQUARE_1_1", resolution = "4K", clientRequestId = "b9" } }, maker.Token);
        Assert.NotEmpty(badEnum.ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(GenerationFlow.Request, new { input = GenerationFlow.Input("a cat", "b10") }, null)).ErrorCodes);
        Assert.Equal(events, await EventCountAsync());

        // Uploads: not an image, too large, empty, anonymous.
        using (var text = await GenerationFlow.UploadAsync(Host.Http, maker.Token, "definitely not a picture"u8.ToArray()))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        using (var video = await GenerationFlow.UploadAsync(Host.Http, maker.Token, await File.ReadAllBytesAsync(CameoSeeds.Fixture("cameo/tiny-1s.mp4"))))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, video.StatusCode);
        using (var big = await GenerationFlow.UploadAsync(Host.Http, maker.Token, new byte[2 * 1024 * 1024]))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        using (var anonymous = await GenerationFlow.UploadAsync(Host.Http, "nope", await File.ReadAllBytesAsync(CameoSeeds.Fixture("faces/person-a.png"))))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(events, await EventCountAsync());
    }

    [Fact]
    public async Task Grants_and_purchases_answer_the_balance_after_them_and_a_payment_reference_credits_once()
    {
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var maker = await Api.SignUpAsync("maker");
        const string Grant = "mutation($input: GrantCreditsInput!) { grantCredits(input: $input) { accountId balance errors { code } } }";
        const string Purchase = "mutation($input: PurchaseCreditsInput!) { purchaseCredits(input: $input) { accountId balance errors { code } } }";
        var granted = (await Api.PostAsync(Grant, new { input = new { accountId = maker.Id, amount = 3, reason = "welcome" } }, admin.Token))
            .Ok().GetProperty("grantCredits");
        Assert.Equal(maker.Id.ToString(), granted.GetProperty("accountId").GetString());
        Assert.Equal(3, granted.GetProperty("balance").GetInt32());
        var payment = new { input = new { accountId = maker.Id, amount = 10, reference = "pay-1" } };
        Assert.Equal(13, (await Api.PostAsync(Purchase, payment, admin.Token)).Ok().GetProperty("purchaseCredits").GetProperty("balance").GetInt32());
        // The webhook retried: same reference, credited once, same balance.
        Assert.Equal(13, (await Api.PostAsync(Purchase, payment, admin.Token)).Ok().GetProperty("purchaseCredits").GetProperty("balance").GetInt32());
        Assert.Equal(13, (await Api.PostAsync("{ myCredits { balance } }", null, maker.Token)).Ok().GetProperty("myCredits").GetProperty("balance").GetInt32());
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Purchase, new { input = new { accountId = maker.Id, amount = 10, reference = "pay-2" } }, maker.Token)).ErrorCodes);
    }

    [Fact]
    public async Task Concurrent_requests_never_overdraw_and_cancelling_refunds()
    {
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var maker = await Api.SignUpAsync("maker");
        var grant = await Api.PostAsync("mutation($input: GrantCreditsInput!) { grantCredits(input: $input) { accountId balance errors { code } } }",
            new { input = new { accountId = maker.Id, amount = 2, reason = "launch promo" } }, admin.Token);
        Assert.Equal(2, grant.Ok().GetProperty("grantCredits").GetProperty("balance").GetInt32());
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync("mutation($input: GrantCreditsInput!) { grantCredits(input: $input) { balance } }",
            new { input = new { accountId = maker.Id, amount = 100, reason = "myself" } }, maker.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync("{ deadLetters { edges { node { id } } } }", null, maker.Token)).ErrorCodes);
        (await Api.PostAsync("{ deadLetters(first: 5) { edges { cursor node { id messageType exceptionMessage } } pageInfo { hasNextPage endCursor } } }", null, admin.Token)).Ok();
        Assert.Equal(6, await Api.CreditsAsync(maker.Token)); // 4 free today + 2 granted

        // Ten concurrent 1-credit requests against 6 credits: exactly six go through.
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Api.PostAsync(GenerationFlow.Request, new { input = GenerationFlow.Input($"a quick sketch number {i}", $"race-{i}") }, maker.Token)));
        var accepted = results.Select(r => r.Payload("requestGeneration")).Where(p => p.GetProperty("errors").GetArrayLength() == 0).ToList();
        Assert.Equal(6, accepted.Count);
        Assert.All(results.Select(r => r.Data.GetProperty("requestGeneration")).Where(p => p.GetProperty("errors").GetArrayLength() > 0),
            p => Assert.Equal("INSUFFICIENT_CREDITS", p.GetProperty("errors")[0].GetProperty("code").GetString()));
        Assert.Equal(0, await Api.CreditsAsync(maker.Token));

        // Cancel everything still in progress: each cancellation refunds what it cost; others cannot cancel.
        var stranger = await Api.SignUpAsync("stranger");
        var ids = accepted.Select(p => Guid.Parse(p.GetProperty("generation").GetProperty("id").GetString()!)).ToList();
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(GenerationFlowTests.Lifecycle("cancelGeneration"), new { id = ids[0] }, stranger.Token)).ErrorCodes);
        var refunded = 0;
        foreach (var id in ids)
        {
            var cancel = (await Api.PostAsync(GenerationFlowTests.Lifecycle("cancelGeneration"), new { id }, maker.Token)).Ok().GetProperty("cancelGeneration");
            if (cancel.GetProperty("errors").GetArrayLength() == 0) refunded++;
            else Assert.Equal("NOT_CANCELLABLE", cancel.GetProperty("errors")[0].GetProperty("code").GetString());
        }
        Assert.True(refunded > 0);
        Assert.Equal(refunded, await Api.CreditsAsync(maker.Token));
    }
}
