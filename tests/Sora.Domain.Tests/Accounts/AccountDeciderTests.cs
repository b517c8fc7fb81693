using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Xunit;

namespace Sora.Domain.Tests.Accounts;

public sealed class AccountDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid OwnerId = Guid.NewGuid();

    private static Account Given(params object[] events)
    {
        var account = Account.Create((AccountRegistered)events[0]);
        foreach (var e in events.Skip(1))
            account = e switch
            {
                RoleGranted g => account.Apply(g),
                RoleRevoked r => account.Apply(r),
                ProfileUpdated p => account.Apply(p),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        return account;
    }

    private static readonly Account Owner = Given(new AccountRegistered(OwnerId, "owner", Now));
    private static Actor As(Guid id, params AccountRole[] roles) => new(id, roles.Append(AccountRole.User).ToHashSet());

    [Fact]
    public void The_owner_updates_the_profile_and_the_event_names_only_the_fields()
    {
        var decision = UpdateProfileDecider.Decide(new UpdateProfile(As(OwnerId), OwnerId, "Name", null), Owner, Now);
        var updated = Assert.IsType<ProfileUpdated>(Assert.Single(decision.Events));
        Assert.Equal(["displayName"], updated.Fields);
    }

    [Fact]
    public void Someone_else_cannot_update_the_profile_but_an_admin_can()
    {
        Assert.Equal(ErrorCodes.Forbidden,
            UpdateProfileDecider.Decide(new UpdateProfile(As(Guid.NewGuid()), OwnerId, "x", null), Owner, Now).Refusal?.Code);
        Assert.Null(UpdateProfileDecider.Decide(new UpdateProfile(As(Guid.NewGuid(), AccountRole.Admin), OwnerId, "x", null), Owner, Now).Refusal);
    }

    [Fact]
    public void Profile_fields_are_bounded()
    {
        Assert.Equal(ErrorCodes.InvalidProfile,
            UpdateProfileDecider.Decide(new UpdateProfile(As(OwnerId), OwnerId, new string('n', 51), null), Owner, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.InvalidProfile,
            UpdateProfileDecider.Decide(new UpdateProfile(As(OwnerId), OwnerId, "bad\u0007name", null), Owner, Now).Refusal?.Code);
        Assert.Empty(UpdateProfileDecider.Decide(new UpdateProfile(As(OwnerId), OwnerId, null, null), Owner, Now).Events);
    }

    [Fact]
    public void Roles_change_only_by_admins_and_only_when_it_changes_something()
    {
        var admin = As(Guid.NewGuid(), AccountRole.Admin);
        Assert.Equal(ErrorCodes.Forbidden, ChangeRoleDecider.Decide(new ChangeRole(As(OwnerId), OwnerId, AccountRole.Admin, true), Owner, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden,
            ChangeRoleDecider.Decide(new ChangeRole(As(Guid.NewGuid(), AccountRole.Moderator), OwnerId, AccountRole.Auditor, true), Owner, Now).Refusal?.Code);

        var grant = ChangeRoleDecider.Decide(new ChangeRole(admin, OwnerId, AccountRole.Moderator, true), Owner, Now);
        Assert.Equal([new RoleGranted(OwnerId, AccountRole.Moderator, admin.AccountId, Now)], grant.Events);

        var moderator = Given(new AccountRegistered(OwnerId, "owner", Now), (RoleGranted)grant.Events[0]);
        Assert.Equal([AccountRole.User, AccountRole.Moderator], moderator.Roles);
        Assert.Equal(ErrorCodes.RoleAlreadyHeld, ChangeRoleDecider.Decide(new ChangeRole(admin, OwnerId, AccountRole.Moderator, true), moderator, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.RoleNotHeld, ChangeRoleDecider.Decide(new ChangeRole(admin, OwnerId, AccountRole.Auditor, false), moderator, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, ChangeRoleDecider.Decide(new ChangeRole(admin, OwnerId, AccountRole.User, false), moderator, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, ChangeRoleDecider.Decide(new ChangeRole(admin, OwnerId, AccountRole.Auditor, true), null, Now).Refusal?.Code);
    }

    [Fact]
    public void An_admin_cannot_revoke_their_own_admin_role()
    {
        var self = Given(new AccountRegistered(OwnerId, "owner", Now), new RoleGranted(OwnerId, AccountRole.Admin, OwnerId, Now));
        Assert.Equal(ErrorCodes.Forbidden,
            ChangeRoleDecider.Decide(new ChangeRole(As(OwnerId, AccountRole.Admin), OwnerId, AccountRole.Admin, false), self, Now).Refusal?.Code);
    }

    [Fact]
    public void Password_hashes_verify_only_the_right_password_and_carry_their_cost()
    {
        var hasher = new PasswordHasher(iterations: 1000);
        var hash = hasher.Hash("a long password");
        Assert.StartsWith("pbkdf2-sha256$1000$", hash);
        Assert.True(PasswordHasher.Verify("a long password", hash));
        Assert.False(PasswordHasher.Verify("a long passworD", hash));
        Assert.NotEqual(hash, hasher.Hash("a long password")); // salted
        Assert.False(PasswordHasher.Verify("x", "garbage"));
    }
}
