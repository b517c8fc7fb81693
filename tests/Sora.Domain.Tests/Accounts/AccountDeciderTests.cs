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
        Assert.Equal(AccountErrors.InvalidProfile,
            UpdateProfileDecider.Decide(new UpdateProfile(As(OwnerId), OwnerId, new string('n', 51), null), Owner, Now).Refusal?.Code);
        Assert.Equal(AccountErrors.InvalidProfile,
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
        Assert.Equal(AccountErrors.RoleAlreadyHeld, ChangeRoleDecider.Decide(new ChangeRole(admin, OwnerId, AccountRole.Moderator, true), moderator, Now).Refusal?.Code);
        Assert.Equal(AccountErrors.RoleNotHeld, ChangeRoleDecider.Decide(new ChangeRole(admin, OwnerId, AccountRole.Auditor, false), moderator, Now).Refusal?.Code);
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
    public void A_revoke_names_the_admin_and_an_admin_may_revoke_another_admins_admin_role()
    {
        var admin = As(Guid.NewGuid(), AccountRole.Admin);
        var moderator = Given(new AccountRegistered(OwnerId, "owner", Now), new RoleGranted(OwnerId, AccountRole.Moderator, admin.AccountId, Now));
        var revoke = ChangeRoleDecider.Decide(new ChangeRole(admin, OwnerId, AccountRole.Moderator, false), moderator, Now);
        Assert.Equal([new RoleRevoked(OwnerId, AccountRole.Moderator, admin.AccountId, Now)], revoke.Events);
        Assert.Equal([AccountRole.User], moderator.Apply((RoleRevoked)revoke.Events[0]).Roles);

        var otherAdmin = Given(new AccountRegistered(OwnerId, "owner", Now), new RoleGranted(OwnerId, AccountRole.Admin, admin.AccountId, Now));
        Assert.IsType<RoleRevoked>(Assert.Single(ChangeRoleDecider.Decide(new ChangeRole(admin, OwnerId, AccountRole.Admin, false), otherAdmin, Now).Events));
    }

    [Fact]
    public void Auditors_cannot_change_roles_and_every_refusal_writes_nothing()
    {
        var auditor = As(Guid.NewGuid(), AccountRole.Auditor);
        var refused = ChangeRoleDecider.Decide(new ChangeRole(auditor, OwnerId, AccountRole.Auditor, true), Owner, Now);
        Assert.Equal(ErrorCodes.Forbidden, refused.Refusal?.Code);
        Assert.Empty(refused.Events);
        // The operator (./sora admin) is an admin actor: it makes the first admin of an instance.
        Assert.Equal([new RoleGranted(OwnerId, AccountRole.Admin, Operator.Id, Now)],
            ChangeRoleDecider.Decide(new ChangeRole(Operator.Actor, OwnerId, AccountRole.Admin, true), Owner, Now).Events);
    }

    [Fact]
    public void Role_refusals_name_the_role_field()
    {
        var admin = As(Guid.NewGuid(), AccountRole.Admin);
        Assert.Equal("role", ChangeRoleDecider.Decide(new ChangeRole(admin, OwnerId, AccountRole.User, true), Owner, Now).Refusal?.Field);
        Assert.Equal("role", ChangeRoleDecider.Decide(new ChangeRole(admin, OwnerId, AccountRole.Auditor, false), Owner, Now).Refusal?.Field);
        Assert.Null(ChangeRoleDecider.Decide(new ChangeRole(As(OwnerId), OwnerId, AccountRole.Admin, true), Owner, Now).Refusal?.Field);
    }

    [Fact]
    public void A_profile_update_names_both_fields_and_who_made_it_and_an_empty_string_is_a_change()
    {
        var admin = As(Guid.NewGuid(), AccountRole.Admin);
        var both = Assert.IsType<ProfileUpdated>(Assert.Single(UpdateProfileDecider.Decide(new UpdateProfile(admin, OwnerId, "Name", "Bio"), Owner, Now).Events));
        Assert.Equal((OwnerId, admin.AccountId, Now), (both.AccountId, both.UpdatedBy, both.At));
        Assert.Equal(["displayName", "bio"], both.Fields);
        var cleared = Assert.IsType<ProfileUpdated>(Assert.Single(UpdateProfileDecider.Decide(new UpdateProfile(As(OwnerId), OwnerId, null, ""), Owner, Now).Events));
        Assert.Equal((OwnerId, OwnerId, Now), (cleared.AccountId, cleared.UpdatedBy, cleared.At));
        Assert.Equal(["bio"], cleared.Fields);
    }

    [Fact]
    public void A_profile_of_no_account_is_not_found_and_bounds_are_inclusive()
    {
        Assert.Equal(ErrorCodes.NotFound, UpdateProfileDecider.Decide(new UpdateProfile(As(OwnerId), OwnerId, "x", null), null, Now).Refusal?.Code);
        Assert.Null(UpdateProfileDecider.Decide(new UpdateProfile(As(OwnerId), OwnerId,
            new string('n', UpdateProfileDecider.MaxDisplayName), new string('b', UpdateProfileDecider.MaxBio)), Owner, Now).Refusal);
        var bio = UpdateProfileDecider.Decide(new UpdateProfile(As(OwnerId), OwnerId, null, new string('b', UpdateProfileDecider.MaxBio + 1)), Owner, Now);
        Assert.Equal((AccountErrors.InvalidProfile, "bio"), (bio.Refusal?.Code, bio.Refusal?.Field));
        Assert.Empty(bio.Events);
        Assert.Equal("displayName", UpdateProfileDecider.Decide(new UpdateProfile(As(OwnerId), OwnerId, "tab\tname", null), Owner, Now).Refusal?.Field);
        // A bio may hold line breaks; a moderator is not an admin.
        Assert.Null(UpdateProfileDecider.Decide(new UpdateProfile(As(OwnerId), OwnerId, null, "line\nbreak"), Owner, Now).Refusal);
        Assert.Equal(ErrorCodes.Forbidden,
            UpdateProfileDecider.Decide(new UpdateProfile(As(Guid.NewGuid(), AccountRole.Moderator), OwnerId, "x", null), Owner, Now).Refusal?.Code);
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
