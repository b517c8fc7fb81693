using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Credits;
using Xunit;

namespace Sora.Domain.Tests.Credits;

/// <summary>Given the ledger, when credits are spent, refunded, granted or bought, then these events (or none, or a refusal).</summary>
public sealed class CreditDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static readonly Guid Account = Guid.NewGuid();
    private static readonly CreditPolicy Policy = new() { DailyFreeQuota = 3 };
    private static Actor As(Guid who, params AccountRole[] roles) => new(who, roles.Append(AccountRole.User).ToHashSet());

    [Fact]
    public void Spending_takes_todays_quota_first_then_the_balance_and_never_overdraws()
    {
        var ledger = CreditLedger.Create(new CreditsGranted(Account, 2, "promo", Guid.NewGuid(), Now));
        var spend = (CreditsSpent)CreditDecisions.Spend(ledger, Account, Guid.NewGuid(), 4, Policy, Now).Events[0];
        Assert.Equal((3, 1), (spend.FromQuota, spend.FromBalance));
        ledger = ledger.Apply(spend);
        Assert.Equal((1, 0), (ledger.Balance, ledger.QuotaLeft(Today, 3)));
        Assert.Equal(CreditDecisions.InsufficientCredits, CreditDecisions.Spend(ledger, Account, Guid.NewGuid(), 2, Policy, Now).Refusal!.Code);

        // A refund returns to where it came from; tomorrow the quota is whole again.
        ledger = ledger.Apply(CreditDecisions.Refund(spend, Now));
        Assert.Equal((2, 3), (ledger.Balance, ledger.QuotaLeft(Today, 3)));
        Assert.Equal(3, ledger.Apply(spend).QuotaLeft(Today.AddDays(1), 3));
    }

    [Fact]
    public void A_first_spend_without_a_ledger_uses_the_free_quota_and_names_the_generation_and_the_day()
    {
        var generation = Guid.NewGuid();
        Assert.Equal([new CreditsSpent(Account, generation, 3, 0, Today, Now)], CreditDecisions.Spend(null, Account, generation, 3, Policy, Now).Events);
        var refused = CreditDecisions.Spend(null, Account, generation, 4, Policy, Now);
        Assert.Equal(CreditDecisions.InsufficientCredits, refused.Refusal?.Code);
        Assert.Empty(refused.Events);
        Assert.Contains("3", refused.Refusal!.Message); // says what the account has
        Assert.Equal([new CreditsSpent(Account, generation, 0, 0, Today, Now)], CreditDecisions.Spend(null, Account, generation, 0, Policy, Now).Events);
    }

    [Fact]
    public void Quota_spent_yesterday_is_back_today_and_a_refund_of_yesterdays_quota_gives_back_only_the_balance()
    {
        var yesterday = Now.AddDays(-1);
        var ledger = CreditLedger.Create(new CreditsGranted(Account, 5, "promo", Guid.NewGuid(), yesterday));
        var spentYesterday = (CreditsSpent)CreditDecisions.Spend(ledger, Account, Guid.NewGuid(), 5, Policy, yesterday).Events[0];
        Assert.Equal((3, 2), (spentYesterday.FromQuota, spentYesterday.FromBalance));
        ledger = ledger.Apply(spentYesterday);

        var today = (CreditsSpent)CreditDecisions.Spend(ledger, Account, Guid.NewGuid(), 4, Policy, Now).Events[0];
        Assert.Equal((3, 1, Today), (today.FromQuota, today.FromBalance, today.QuotaDay));
        ledger = ledger.Apply(today);
        Assert.Equal((2, 0), (ledger.Balance, ledger.QuotaLeft(Today, 3)));

        // Yesterday's render fails today: its balance part returns, its quota expired with its day.
        ledger = ledger.Apply(CreditDecisions.Refund(spentYesterday, Now));
        Assert.Equal((4, 0), (ledger.Balance, ledger.QuotaLeft(Today, 3)));
        Assert.Equal(new CreditsRefunded(Account, spentYesterday.GenerationId, 3, 2, Today.AddDays(-1), Now), CreditDecisions.Refund(spentYesterday, Now));
    }

    [Fact]
    public void Only_admins_grant_and_a_grant_names_the_admin_and_the_trimmed_reason()
    {
        Assert.Equal(ErrorCodes.Forbidden, CreditDecisions.Grant(As(Guid.NewGuid()), Account, 5, "why", Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, CreditDecisions.Grant(As(Account), Account, 5, "why", Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, CreditDecisions.Grant(As(Guid.NewGuid(), AccountRole.Moderator), Account, 5, "why", Now).Refusal?.Code);
        var admin = As(Guid.NewGuid(), AccountRole.Admin);
        Assert.Equal([new CreditsGranted(Account, 5, "support", admin.AccountId, Now)], CreditDecisions.Grant(admin, Account, 5, "  support ", Now).Events);
    }

    [Theory]
    [InlineData(0, "why", "amount")]
    [InlineData(-1, "why", "amount")]
    [InlineData(1_000_001, "why", "amount")]
    [InlineData(5, "", "reason")]
    [InlineData(5, "   ", "reason")]
    public void A_grant_needs_a_sane_amount_and_a_reason(int amount, string reason, string field)
    {
        var refused = CreditDecisions.Grant(As(Guid.NewGuid(), AccountRole.Admin), Account, amount, reason, Now);
        Assert.Equal((ErrorCodes.BadUserInput, field), (refused.Refusal?.Code, refused.Refusal?.Field));
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void A_reason_over_two_hundred_characters_is_refused_and_the_bounds_themselves_are_accepted()
    {
        var admin = As(Guid.NewGuid(), AccountRole.Admin);
        Assert.Equal("reason", CreditDecisions.Grant(admin, Account, 5, new string('r', 201), Now).Refusal?.Field);
        Assert.Null(CreditDecisions.Grant(admin, Account, 1_000_000, new string('r', 200), Now).Refusal);
        Assert.Null(CreditDecisions.Grant(admin, Account, 1, "r", Now).Refusal);
    }

    [Fact]
    public void A_payment_reference_is_credited_once()
    {
        var first = CreditDecisions.Purchase(null, Account, 10, "pay_1", Now);
        Assert.Equal([new CreditsPurchased(Account, 10, "pay_1", Now)], first.Events);
        var ledger = CreditLedger.Create((CreditsPurchased)first.Events[0]);
        var replay = CreditDecisions.Purchase(ledger, Account, 10, "pay_1", Now);
        Assert.Null(replay.Refusal);
        Assert.Empty(replay.Events);
        Assert.Equal(10, ledger.Balance);
        Assert.Single(CreditDecisions.Purchase(ledger, Account, 10, "pay_2", Now).Events);
    }

    [Theory]
    [InlineData(0, "pay", "amount")]
    [InlineData(1_000_001, "pay", "amount")]
    [InlineData(5, "", "reference")]
    [InlineData(5, " ", "reference")]
    public void A_purchase_needs_a_sane_amount_and_a_reference(int amount, string reference, string field)
    {
        var refused = CreditDecisions.Purchase(null, Account, amount, reference, Now);
        Assert.Equal((ErrorCodes.BadUserInput, field), (refused.Refusal?.Code, refused.Refusal?.Field));
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void The_ledger_stream_is_one_per_account() =>
        Assert.NotEqual(CreditLedger.StreamFor(Account), CreditLedger.StreamFor(Guid.NewGuid()));
}
