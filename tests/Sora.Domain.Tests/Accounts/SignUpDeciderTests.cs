using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Xunit;

namespace Sora.Domain.Tests.Accounts;

public sealed class SignUpDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    private static SignUp Valid(string handle = "New_User", string email = "a@example.com", string? password = "long enough password",
        DateOnly? birth = null, ExternalIdentity? external = null) =>
        new(Id, handle, email, password, birth ?? new DateOnly(1990, 1, 1), external);

    [Fact]
    public void A_valid_sign_up_registers_the_normalized_handle()
    {
        var decision = SignUpDecider.Decide(Valid(), Now);
        Assert.Null(decision.Refusal);
        Assert.Equal([new AccountRegistered(Id, "new_user", Now)], decision.Events);
    }

    [Fact]
    public void A_bootstrap_admin_is_granted_admin_in_the_same_decision()
    {
        var decision = SignUpDecider.Decide(Valid(), Now, bootstrapAdmin: true);
        Assert.Contains(new RoleGranted(Id, AccountRole.Admin, Id, Now), decision.Events);
    }

    [Fact]
    public void An_external_identity_needs_no_password_and_is_linked()
    {
        var decision = SignUpDecider.Decide(Valid(password: null, external: new ExternalIdentity("https://id", "sub")), Now);
        Assert.Null(decision.Refusal);
        Assert.Contains(new ExternalIdentityLinked(Id, "https://id", Now), decision.Events);
    }

    [Theory]
    [InlineData("x", AccountErrors.InvalidHandle)]
    [InlineData("_starts_badly", AccountErrors.InvalidHandle)]
    [InlineData("two..dots", AccountErrors.InvalidHandle)]
    [InlineData("sora", AccountErrors.InvalidHandle)]
    [InlineData("ünicode", AccountErrors.InvalidHandle)]
    public void Bad_handles_are_refused(string handle, string code) =>
        Assert.Equal(code, SignUpDecider.Decide(Valid(handle: handle), Now).Refusal?.Code);

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("two@@example.com")]
    [InlineData("name@localhost")]
    [InlineData("Display Name <a@example.com>")]
    public void Bad_emails_are_refused(string email) =>
        Assert.Equal(AccountErrors.InvalidEmail, SignUpDecider.Decide(Valid(email: email), Now).Refusal?.Code);

    [Fact]
    public void Passwords_must_be_long_and_not_contain_the_handle()
    {
        Assert.Equal(AccountErrors.WeakPassword, SignUpDecider.Decide(Valid(password: "short"), Now).Refusal?.Code);
        Assert.Equal(AccountErrors.WeakPassword, SignUpDecider.Decide(Valid(password: "my new_user secret"), Now).Refusal?.Code);
        Assert.Equal(AccountErrors.WeakPassword, SignUpDecider.Decide(Valid(password: null), Now).Refusal?.Code);
    }

    [Fact]
    public void Age_is_checked_against_the_given_clock()
    {
        var thirteenToday = new DateOnly(2013, 11, 25);
        Assert.Null(SignUpDecider.Decide(Valid(birth: thirteenToday), Now).Refusal);
        Assert.Equal(AccountErrors.TooYoung, SignUpDecider.Decide(Valid(birth: thirteenToday.AddDays(1)), Now).Refusal?.Code);
        Assert.Equal(AccountErrors.InvalidBirthDate, SignUpDecider.Decide(Valid(birth: new DateOnly(2027, 1, 1)), Now).Refusal?.Code);
    }

    [Fact]
    public void The_handle_is_normalized_before_it_is_checked_and_reserved_names_are_refused_in_any_case()
    {
        Assert.Equal([new AccountRegistered(Id, "new.user_1", Now)], SignUpDecider.Decide(Valid(handle: "  @New.User_1 "), Now).Events);
        Assert.Equal(AccountErrors.InvalidHandle, SignUpDecider.Decide(Valid(handle: "@Admin"), Now).Refusal?.Code);
        Assert.Null(SignUpDecider.Decide(Valid(handle: new string('a', 30)), Now).Refusal);
        Assert.Equal(AccountErrors.InvalidHandle, SignUpDecider.Decide(Valid(handle: new string('a', 31)), Now).Refusal?.Code);
        Assert.Equal(AccountErrors.InvalidHandle, SignUpDecider.Decide(Valid(handle: "ends."), Now).Refusal?.Code);
    }

    [Fact]
    public void Every_refusal_names_its_field_and_writes_nothing()
    {
        foreach (var (command, field) in new[]
        {
            (Valid(handle: "x"), "handle"), (Valid(email: "nope"), "email"), (Valid(password: "short"), "password"),
            (Valid(birth: new DateOnly(2027, 1, 1)), "birthDate"), (Valid(birth: new DateOnly(2020, 1, 1)), "birthDate"),
        })
        {
            var decision = SignUpDecider.Decide(command, Now, bootstrapAdmin: true);
            Assert.Equal(field, decision.Refusal?.Field);
            Assert.Empty(decision.Events);
        }
    }

    [Fact]
    public void A_birth_date_over_120_years_ago_is_not_plausible_and_emails_are_trimmed_and_lower_cased()
    {
        Assert.Null(SignUpDecider.Decide(Valid(birth: new DateOnly(1906, 11, 25)), Now).Refusal);
        Assert.Equal(AccountErrors.InvalidBirthDate, SignUpDecider.Decide(Valid(birth: new DateOnly(1906, 11, 24)), Now).Refusal?.Code);
        Assert.Null(SignUpDecider.Decide(Valid(email: "  A@Example.com "), Now).Refusal);
        Assert.Equal("a@example.com", SignUpDecider.NormalizeEmail("  A@Example.COM "));
        Assert.Equal(AccountErrors.InvalidEmail, SignUpDecider.Decide(Valid(email: new string('a', 243) + "@example.com"), Now).Refusal?.Code); // 255 characters
    }

    [Fact]
    public void An_external_sign_up_with_a_bootstrap_admin_gets_all_three_events_in_order()
    {
        var decision = SignUpDecider.Decide(Valid(password: null, external: new ExternalIdentity("https://id", "subject-42")), Now, bootstrapAdmin: true);
        Assert.Equal([new AccountRegistered(Id, "new_user", Now), new ExternalIdentityLinked(Id, "https://id", Now), new RoleGranted(Id, AccountRole.Admin, Id, Now)],
            decision.Events);
        // Personal data stays out of events: neither the external subject nor the email is in any of them.
        Assert.DoesNotContain(decision.Events, e => e.ToString()!.Contains("subject-42") || e.ToString()!.Contains("a@example.com"));
    }

    [Theory]
    [InlineData("2009-11-26", true)]
    [InlineData("2008-11-25", false)]
    [InlineData("2008-11-26", true)]
    [InlineData("2013-11-25", true)]
    public void Teen_status_is_derived_from_the_birth_date(string birth, bool teen) =>
        Assert.Equal(teen, Age.IsTeen(DateOnly.Parse(birth), new DateOnly(2026, 11, 25)));
}
