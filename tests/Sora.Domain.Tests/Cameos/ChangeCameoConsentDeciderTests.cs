using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Xunit;

namespace Sora.Domain.Tests.Cameos;

/// <summary>Given the cameo's consent events, when the owner changes consent, then these events (or none, or a refusal).</summary>
public sealed class ChangeCameoConsentDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid CameoId = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Friend = Guid.NewGuid();
    private static readonly Guid NewGrant = Guid.NewGuid();
    private static Actor As(Guid who, params AccountRole[] roles) => new(who, roles.Append(AccountRole.User).ToHashSet());

    private static Cameo Given(params object[] events)
    {
        var cameo = Cameo.Create(new CameoVerificationStarted(CameoId, Owner, "p", Now))
            .Apply(new CameoRecordingReceived(CameoId, Owner, "a", 1, Now)).Apply(new CameoVerified(CameoId, Owner, Now));
        foreach (var e in events) cameo = e switch
        {
            CameoAudienceSet x => cameo.Apply(x),
            CameoAccessGranted x => cameo.Apply(x),
            CameoGrantRevoked x => cameo.Apply(x),
            CameoBlockAdded x => cameo.Apply(x),
            CameoBlockRemoved x => cameo.Apply(x),
            CameoRestrictionsSet x => cameo.Apply(x),
            CameoApprovalModeSet x => cameo.Apply(x),
            CameoDeactivated x => cameo.Apply(x),
            CameoReactivated x => cameo.Apply(x),
            CameoDeleted x => cameo.Apply(x),
            _ => throw new ArgumentException(e.GetType().Name),
        };
        return cameo;
    }

    private static Decision<object> When(Cameo? cameo, ConsentChange change, Actor? by = null, bool granteeExists = true) =>
        ChangeCameoConsentDecider.Decide(new ChangeCameoConsent(by ?? As(Owner), CameoId, change), cameo, new ConsentChangeContext(granteeExists, NewGrant), Now);

    [Fact]
    public void To_anyone_but_the_owner_the_cameo_does_not_exist_admins_and_moderators_included()
    {
        foreach (var by in new[] { As(Friend), As(Friend, AccountRole.Admin), As(Friend, AccountRole.Moderator) })
        {
            var refused = When(Given(), new ConsentChange.SetAudience(CameoAudience.Everyone), by);
            Assert.Equal((ErrorCodes.NotFound, "cameoId"), (refused.Refusal?.Code, refused.Refusal?.Field));
            Assert.Empty(refused.Events);
        }
        Assert.Equal(ErrorCodes.NotFound, When(null, new ConsentChange.SetAudience(CameoAudience.Everyone)).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, When(Given(new CameoDeleted(CameoId, Owner, Now)), new ConsentChange.Reactivate()).Refusal?.Code);
    }

    [Fact]
    public void Setting_the_audience_bumps_its_version_and_setting_it_again_is_a_no_op()
    {
        var set = When(Given(), new ConsentChange.SetAudience(CameoAudience.Mutuals));
        Assert.Equal([new CameoAudienceSet(CameoId, CameoAudience.Mutuals, 1, Owner, Now)], set.Events);
        var mutuals = Given((CameoAudienceSet)set.Events[0]);
        Assert.Equal([new CameoAudienceSet(CameoId, CameoAudience.Everyone, 2, Owner, Now)], When(mutuals, new ConsentChange.SetAudience(CameoAudience.Everyone)).Events);

        var again = When(mutuals, new ConsentChange.SetAudience(CameoAudience.Mutuals));
        Assert.Null(again.Refusal);
        Assert.Empty(again.Events);
        Assert.Empty(When(Given(), new ConsentChange.SetAudience(CameoAudience.OnlyMe)).Events); // new cameos are ONLY_ME already
    }

    [Fact]
    public void A_grant_carries_the_new_id_its_limits_and_the_owner()
    {
        var expiry = Now.AddDays(7);
        Assert.Equal([new CameoAccessGranted(CameoId, NewGrant, Friend, expiry, 3, Owner, Now)],
            When(Given(), new ConsentChange.Grant(Friend, expiry, 3)).Events);
        Assert.Equal([new CameoAccessGranted(CameoId, NewGrant, Friend, null, null, Owner, Now)],
            When(Given(), new ConsentChange.Grant(Friend, null, null)).Events);
    }

    [Fact]
    public void A_grant_is_refused_for_oneself_a_missing_account_a_past_expiry_no_uses_or_a_blocked_account()
    {
        void Refused(Decision<object> d, string code, string field)
        {
            Assert.Equal((code, field), (d.Refusal?.Code, d.Refusal?.Field));
            Assert.Empty(d.Events);
        }
        Refused(When(Given(), new ConsentChange.Grant(Owner, null, null)), ErrorCodes.CannotTargetSelf, "accountId");
        Refused(When(Given(), new ConsentChange.Grant(Friend, null, null), granteeExists: false), ErrorCodes.NotFound, "accountId");
        Refused(When(Given(), new ConsentChange.Grant(Friend, Now, null)), ErrorCodes.BadUserInput, "expiresAt"); // now is already past
        Refused(When(Given(), new ConsentChange.Grant(Friend, null, 0)), ErrorCodes.BadUserInput, "maxUses");
        Refused(When(Given(), new ConsentChange.Grant(Friend, null, -1)), ErrorCodes.BadUserInput, "maxUses");
        Refused(When(Given(new CameoBlockAdded(CameoId, Friend, Owner, Now)), new ConsentChange.Grant(Friend, null, null)), ErrorCodes.Blocked, "accountId");
        Assert.IsType<CameoAccessGranted>(Assert.Single(When(Given(), new ConsentChange.Grant(Friend, Now.AddSeconds(1), 1)).Events));
    }

    [Fact]
    public void Revoking_names_the_grantee_and_revoking_twice_or_an_unknown_grant_is_told_apart()
    {
        var grantId = Guid.NewGuid();
        var granted = Given(new CameoAccessGranted(CameoId, grantId, Friend, null, null, Owner, Now));
        Assert.Equal([new CameoGrantRevoked(CameoId, grantId, Friend, Owner, Now)], When(granted, new ConsentChange.RevokeGrant(grantId)).Events);

        var revoked = Given(new CameoAccessGranted(CameoId, grantId, Friend, null, null, Owner, Now), new CameoGrantRevoked(CameoId, grantId, Friend, Owner, Now));
        var again = When(revoked, new ConsentChange.RevokeGrant(grantId));
        Assert.Null(again.Refusal);
        Assert.Empty(again.Events);

        var unknown = When(granted, new ConsentChange.RevokeGrant(Guid.NewGuid()));
        Assert.Equal((ErrorCodes.NotFound, "grantId"), (unknown.Refusal?.Code, unknown.Refusal?.Field));
    }

    [Fact]
    public void A_block_revokes_only_that_accounts_standing_grants_and_blocking_twice_or_oneself_adds_nothing()
    {
        var (live, gone, others) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var other = Guid.NewGuid();
        var cameo = Given(
            new CameoAccessGranted(CameoId, live, Friend, null, null, Owner, Now),
            new CameoAccessGranted(CameoId, gone, Friend, null, null, Owner, Now),
            new CameoGrantRevoked(CameoId, gone, Friend, Owner, Now),
            new CameoAccessGranted(CameoId, others, other, null, null, Owner, Now));
        Assert.Equal([new CameoBlockAdded(CameoId, Friend, Owner, Now), new CameoGrantRevoked(CameoId, live, Friend, Owner, Now)],
            When(cameo, new ConsentChange.Block(Friend)).Events);
        Assert.Equal([new CameoBlockAdded(CameoId, other, Owner, Now), new CameoGrantRevoked(CameoId, others, other, Owner, Now)],
            When(cameo, new ConsentChange.Block(other)).Events);

        Assert.Empty(When(Given(new CameoBlockAdded(CameoId, Friend, Owner, Now)), new ConsentChange.Block(Friend)).Events);
        Assert.Equal(ErrorCodes.CannotTargetSelf, When(Given(), new ConsentChange.Block(Owner)).Refusal?.Code);
    }

    [Fact]
    public void Unblocking_removes_a_block_and_is_a_no_op_without_one()
    {
        Assert.Equal([new CameoBlockRemoved(CameoId, Friend, Owner, Now)],
            When(Given(new CameoBlockAdded(CameoId, Friend, Owner, Now)), new ConsentChange.Unblock(Friend)).Events);
        var none = When(Given(), new ConsentChange.Unblock(Friend));
        Assert.Null(none.Refusal);
        Assert.Empty(none.Events);
        Assert.Empty(When(Given(new CameoBlockAdded(CameoId, Friend, Owner, Now), new CameoBlockRemoved(CameoId, Friend, Owner, Now)),
            new ConsentChange.Unblock(Friend)).Events);
    }

    [Fact]
    public void Restrictions_are_cleaned_deduplicated_versioned_and_unchanged_rules_write_nothing()
    {
        var set = Assert.IsType<CameoRestrictionsSet>(Assert.Single(When(Given(), new ConsentChange.SetRestrictions(["no ads", " no ads", "  ", "no politics"])).Events));
        Assert.Equal(["no ads", "no politics"], set.Rules);
        Assert.Equal(1, set.RestrictionsVersion);

        var ruled = Given(set);
        Assert.Empty(When(ruled, new ConsentChange.SetRestrictions(["no ads ", "no politics"])).Events);
        Assert.Equal(2, Assert.IsType<CameoRestrictionsSet>(Assert.Single(When(ruled, new ConsentChange.SetRestrictions([])).Events)).RestrictionsVersion);
        // Exactly at the limits is accepted; one over is not.
        Assert.Null(When(Given(), new ConsentChange.SetRestrictions(Enumerable.Range(0, ChangeCameoConsentDecider.MaxRules).Select(i => $"rule {i}").ToArray())).Refusal);
        Assert.Null(When(Given(), new ConsentChange.SetRestrictions([new string('x', ChangeCameoConsentDecider.MaxRuleLength)])).Refusal);
        Assert.Equal("rules", When(Given(), new ConsentChange.SetRestrictions([new string('x', ChangeCameoConsentDecider.MaxRuleLength + 1)])).Refusal?.Field);
    }

    [Fact]
    public void Approval_mode_and_activation_change_only_when_they_differ()
    {
        Assert.Equal([new CameoApprovalModeSet(CameoId, true, Owner, Now)], When(Given(), new ConsentChange.SetApprovalMode(true)).Events);
        Assert.Empty(When(Given(), new ConsentChange.SetApprovalMode(false)).Events);
        var approving = Given(new CameoApprovalModeSet(CameoId, true, Owner, Now));
        Assert.Empty(When(approving, new ConsentChange.SetApprovalMode(true)).Events);
        Assert.Equal([new CameoApprovalModeSet(CameoId, false, Owner, Now)], When(approving, new ConsentChange.SetApprovalMode(false)).Events);

        Assert.Equal([new CameoDeactivated(CameoId, Owner, Now)], When(Given(), new ConsentChange.Deactivate()).Events);
        Assert.Empty(When(Given(), new ConsentChange.Reactivate()).Events);
        var inactive = Given(new CameoDeactivated(CameoId, Owner, Now));
        Assert.Empty(When(inactive, new ConsentChange.Deactivate()).Events);
        Assert.Equal([new CameoReactivated(CameoId, Owner, Now)], When(inactive, new ConsentChange.Reactivate()).Events);
    }
}
