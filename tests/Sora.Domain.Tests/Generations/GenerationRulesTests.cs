using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Generations;
using Xunit;

namespace Sora.Domain.Tests.Generations;

/// <summary>Input rules and the published price formula: every refusal here happens before anything is charged.</summary>
public sealed class GenerationRulesTests
{
    private static readonly Actor By = new(Guid.NewGuid(), new HashSet<AccountRole> { AccountRole.User });

    private static RequestGeneration Request(string prompt = "a cat", int duration = 5, string clientRequestId = "r", string? image = null,
        Guid? remixOf = null) =>
        new(By, prompt, duration, VideoAspect.Square1x1, VideoResolution.Sd480, null, image, remixOf, clientRequestId);

    [Theory]
    [InlineData(5, VideoResolution.Sd480, 0, 1)]
    [InlineData(10, VideoResolution.Hd720, 0, 4)]
    [InlineData(15, VideoResolution.Fhd1080, 20, 12)]
    [InlineData(15, VideoResolution.Fhd1080, 30, 18)] // surge 1.5
    [InlineData(5, VideoResolution.Sd480, 1000, 3)]   // capped at 3x
    [InlineData(5, VideoResolution.Sd480, 21, 2)]     // surge 1.05 rounds the total up
    public void The_price_is_duration_times_resolution_with_a_published_surge(int seconds, VideoResolution resolution, int depth, int total) =>
        Assert.Equal(total, GenerationPricing.Price(seconds, resolution, depth, new PricingPolicy()).Total);

    [Fact]
    public void The_price_reports_its_parts_and_follows_the_policy()
    {
        Assert.Equal(new GenerationPrice(4, 1.0, 4, 20), GenerationPricing.Price(5, VideoResolution.Fhd1080, 20, new PricingPolicy()));
        Assert.Equal(new GenerationPrice(4, 1.5, 6, 30), GenerationPricing.Price(5, VideoResolution.Fhd1080, 30, new PricingPolicy()));
        var strict = new PricingPolicy { SurgeThreshold = 10, MaxSurge = 2.0 };
        Assert.Equal(new GenerationPrice(2, 2.0, 4, 25), GenerationPricing.Price(5, VideoResolution.Hd720, 25, strict));
        Assert.Equal(new GenerationPrice(2, 1.5, 3, 15), GenerationPricing.Price(5, VideoResolution.Hd720, 15, strict));
        Assert.Equal([1, 2, 4], new[] { VideoResolution.Sd480, VideoResolution.Hd720, VideoResolution.Fhd1080 }.Select(GenerationPricing.ResolutionUnits));
    }

    [Fact]
    public void A_valid_request_passes_with_an_image_or_a_remix_source_but_not_both()
    {
        Assert.Null(GenerationRules.Validate(Request("@ann and @bob.b say \"hi there\"")));
        Assert.Null(GenerationRules.Validate(Request(image: "sha256:abc")));
        Assert.Null(GenerationRules.Validate(Request(remixOf: Guid.NewGuid())));
        var both = GenerationRules.Validate(Request(image: "sha256:abc", remixOf: Guid.NewGuid()));
        Assert.Equal((ErrorCodes.BadUserInput, "image"), (both?.Code, both?.Field));
    }

    [Theory]
    [InlineData("", GenerationRules.InvalidPrompt, "prompt")]
    [InlineData("   ", GenerationRules.InvalidPrompt, "prompt")]
    [InlineData("@ann @bob @cat", GenerationRules.TooManyCameos, "prompt")]
    public void Bad_prompts_are_refused_with_their_code(string prompt, string code, string field)
    {
        var refusal = GenerationRules.Validate(Request(prompt));
        Assert.Equal((code, field), (refusal?.Code, refusal?.Field));
    }

    [Fact]
    public void A_prompt_is_at_most_a_thousand_characters_after_trimming()
    {
        Assert.Null(GenerationRules.Validate(Request("  " + new string('p', GenerationFormat.MaxPromptLength) + "  ")));
        Assert.Equal(GenerationRules.InvalidPrompt, GenerationRules.Validate(Request(new string('p', GenerationFormat.MaxPromptLength + 1)))?.Code);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(10, true)]
    [InlineData(15, true)]
    [InlineData(0, false)]
    [InlineData(6, false)]
    [InlineData(20, false)]
    public void Videos_are_five_ten_or_fifteen_seconds(int duration, bool accepted) =>
        Assert.Equal(accepted ? null : (GenerationRules.UnsupportedDuration, "durationSeconds"),
            GenerationRules.Validate(Request(duration: duration)) is { } r ? (r.Code, r.Field) : ((string, string?)?)null);

    [Fact]
    public void The_client_request_id_is_one_to_a_hundred_characters()
    {
        Assert.Null(GenerationRules.Validate(Request(clientRequestId: new string('r', 100))));
        Assert.Equal(GenerationRules.InvalidClientRequestId, GenerationRules.Validate(Request(clientRequestId: ""))?.Code);
        Assert.Equal(GenerationRules.InvalidClientRequestId, GenerationRules.Validate(Request(clientRequestId: new string('r', 101)))?.Code);
    }

    [Fact]
    public void Mentions_are_distinct_lower_cased_handles_and_emails_are_not_mentions()
    {
        Assert.Equal(["ann", "bob.b"], GenerationRules.Mentions("@ann and @bob.b say hi"));
        Assert.Equal(["ann"], GenerationRules.Mentions("@Ann meets @ANN and @ann"));
        Assert.Null(GenerationRules.Validate(Request("@ann @Ann @ann @bob"))); // two distinct cameos
        Assert.Empty(GenerationRules.Mentions("mail me at ann@example.com or @a"));
        Assert.Empty(GenerationRules.Mentions("@@ann"));
    }

    [Fact]
    public void Dialogue_is_read_from_straight_or_curly_quotes_and_empty_quotes_say_nothing()
    {
        Assert.Equal(["hi there"], GenerationRules.Dialogue("@ann says \"hi there\""));
        Assert.Equal(["hello", "bye now"], GenerationRules.Dialogue("she says “hello” and then \" bye now \""));
        Assert.Empty(GenerationRules.Dialogue("no quotes here"));
        Assert.Empty(GenerationRules.Dialogue("an empty \"  \" quote"));
    }

    [Fact]
    public void Ids_are_derived_so_that_a_retry_meets_the_first_attempt()
    {
        Assert.Equal(GenerationRules.IdFor(By.AccountId, "r"), GenerationRules.IdFor(By.AccountId, "r"));
        Assert.NotEqual(GenerationRules.IdFor(By.AccountId, "r"), GenerationRules.IdFor(Guid.NewGuid(), "r"));
        Assert.NotEqual(GenerationRules.IdFor(By.AccountId, "r"), GenerationRules.IdFor(By.AccountId, "s"));
        var generation = GenerationRules.IdFor(By.AccountId, "r");
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(GenerationRules.UseIdFor(generation, a), GenerationRules.UseIdFor(generation, a));
        Assert.NotEqual(GenerationRules.UseIdFor(generation, a), GenerationRules.UseIdFor(generation, b));
    }
}
