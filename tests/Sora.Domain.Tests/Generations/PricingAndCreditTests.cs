using Sora.Domain.Common;
using Sora.Domain.Credits;
using Sora.Domain.Generations;
using Xunit;

namespace Sora.Domain.Tests.Generations;

public sealed class PricingAndCreditTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5, VideoResolution.Sd480, 0, 1)]
    [InlineData(10, VideoResolution.Hd720, 0, 4)]
    [InlineData(15, VideoResolution.Fhd1080, 20, 12)]
    [InlineData(15, VideoResolution.Fhd1080, 30, 18)] // surge 1.5
    [InlineData(5, VideoResolution.Sd480, 1000, 3)]   // capped at 3x
    public void The_price_is_duration_times_resolution_with_a_published_surge(int seconds, VideoResolution resolution, int depth, int total) =>
        Assert.Equal(total, GenerationPricing.Price(seconds, resolution, depth, new PricingPolicy()).Total);

    [Fact]
    public void Spending_takes_todays_quota_first_then_the_balance_and_never_overdraws()
    {
        var policy = new CreditPolicy { DailyFreeQuota = 3 };
        var account = Guid.NewGuid();
        var ledger = CreditLedger.Create(new CreditsGranted(account, 2, "promo", Guid.NewGuid(), Now));
        var spend = (CreditsSpent)CreditDecisions.Spend(ledger, account, Guid.NewGuid(), 4, policy, Now).Events[0];
        Assert.Equal((3, 1), (spend.FromQuota, spend.FromBalance));
        ledger = ledger.Apply(spend);
        Assert.Equal((1, 0), (ledger.Balance, ledger.QuotaLeft(DateOnly.FromDateTime(Now.UtcDateTime), 3)));
        Assert.Equal(CreditDecisions.InsufficientCredits, CreditDecisions.Spend(ledger, account, Guid.NewGuid(), 2, policy, Now).Refusal!.Code);

        // A refund returns to where it came from; tomorrow the quota is whole again.
        ledger = ledger.Apply(CreditDecisions.Refund(spend, Now));
        Assert.Equal((2, 3), (ledger.Balance, ledger.QuotaLeft(DateOnly.FromDateTime(Now.UtcDateTime), 3)));
        Assert.Equal(3, ledger.Apply(spend).QuotaLeft(DateOnly.FromDateTime(Now.AddDays(1).UtcDateTime), 3));
    }

    [Fact]
    public void Only_admins_grant_and_a_payment_reference_is_credited_once()
    {
        var user = new Actor(Guid.NewGuid(), new HashSet<Sora.Domain.Accounts.AccountRole> { Sora.Domain.Accounts.AccountRole.User });
        Assert.Equal(ErrorCodes.Forbidden, CreditDecisions.Grant(user, Guid.NewGuid(), 5, "why", Now).Refusal!.Code);
        var account = Guid.NewGuid();
        var first = CreditDecisions.Purchase(null, account, 10, "pay_1", Now);
        var ledger = CreditLedger.Create((CreditsPurchased)first.Events[0]);
        Assert.Empty(CreditDecisions.Purchase(ledger, account, 10, "pay_1", Now).Events);
        Assert.Equal(10, ledger.Balance);
    }

    [Fact]
    public void Requests_are_validated_and_mentions_and_dialogue_are_read_from_the_prompt()
    {
        var by = new Actor(Guid.NewGuid(), new HashSet<Sora.Domain.Accounts.AccountRole>());
        RequestGeneration Request(string prompt, int duration = 5) => new(by, prompt, duration, VideoAspect.Square1x1, VideoResolution.Sd480, null, null, null, "r");
        Assert.Null(GenerationRules.Validate(Request("@ann and @bob.b say \"hi there\"")));
        Assert.Equal(["ann", "bob.b"], GenerationRules.Mentions("@ann and @bob.b say hi"));
        Assert.Equal(["hi there"], GenerationRules.Dialogue("@ann says \"hi there\""));
        Assert.Equal(GenerationRules.TooManyCameos, GenerationRules.Validate(Request("@ann @bob @cat"))!.Code);
        Assert.Equal(GenerationRules.UnsupportedDuration, GenerationRules.Validate(Request("a cat", 6))!.Code);
        Assert.Equal(GenerationRules.IdFor(by.AccountId, "r"), GenerationRules.IdFor(by.AccountId, "r"));
        Assert.NotEqual(GenerationRules.IdFor(by.AccountId, "r"), GenerationRules.IdFor(Guid.NewGuid(), "r"));
    }
}
