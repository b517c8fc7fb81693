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
    [InlineData("x", ErrorCodes.InvalidHandle)]
    [InlineData("_starts_badly", ErrorCodes.InvalidHandle)]
    [InlineData("two..dots", ErrorCodes.InvalidHandle)]
    [InlineData("sora", ErrorCodes.InvalidHandle)]
    [InlineData("ünicode", ErrorCodes.InvalidHandle)]
    public void Bad_handles_are_refused(string handle, string code) =>
        Assert.Equal(code, SignUpDecider.Decide(Valid(handle: handle), Now).Refusal?.Code);

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("two@@example.com")]
    [InlineData("name@localhost")]
    [InlineData("Display Name <a@example.com>")]
    public void Bad_emails_are_refused(string email) =>
        Assert.Equal(ErrorCodes.InvalidEmail, SignUpDecider.Decide(Valid(email: email), Now).Refusal?.Code);

    [Fact]
    public void Passwords_must_be_long_and_not_contain_the_handle()
    {
        Assert.Equal(ErrorCodes.WeakPassword, SignUpDecider.Decide(Valid(password: "short"), Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.WeakPassword, SignUpDecider.Decide(Valid(password: "my new_user secret"), Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.WeakPassword, SignUpDecider.Decide(Valid(password: null), Now).Refusal?.Code);
    }

    [Fact]
    public void Age_is_checked_against_the_given_clock()
    {
        var thirteenToday = new DateOnly(2013, 11, 25);
        Assert.Null(SignUpDecider.Decide(Valid(birth: thirteenToday), Now).Refusal);
        Assert.Equal(ErrorCodes.TooYoung, SignUpDecider.Decide(Valid(birth: thirteenToday.AddDays(1)), Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.InvalidBirthDate, SignUpDecider.Decide(Valid(birth: new DateOnly(2027, 1, 1)), Now).Refusal?.Code);
    }

    [Theory]
    [InlineData("2009-11-26", true)]
    [InlineData("2008-11-25", false)]
    [InlineData("2008-11-26", true)]
    [InlineData("2013-11-25", true)]
    public void Teen_status_is_derived_from_the_birth_date(string birth, bool teen) =>
        Assert.Equal(teen, Age.IsTeen(DateOnly.Parse(birth), new DateOnly(2026, 11, 25)));
}
