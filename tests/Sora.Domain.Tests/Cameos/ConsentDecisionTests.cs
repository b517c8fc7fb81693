using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Xunit;

namespace Sora.Domain.Tests.Cameos;

public sealed class ConsentDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Friend = Guid.NewGuid();
    private static readonly Guid Stranger = Guid.NewGuid();
    private static readonly Guid CameoId = Guid.NewGuid();
    private static readonly SocialFacts NotRelated = new(false, false);

    private static Cameo Verified(params object[] events)
    {
        var cameo = Cameo.Create(new CameoVerificationStarted(CameoId, Owner, "phrase", Now))
            .Apply(new CameoRecordingReceived(CameoId, Owner, "sha", 1, Now))
            .Apply(new CameoVerified(CameoId, Owner, Now));
        foreach (var e in events)
            cameo = e switch
            {
                CameoAudienceSet x => cameo.Apply(x),
                CameoAccessGranted x => cameo.Apply(x),
                CameoGrantRevoked x => cameo.Apply(x),
                CameoBlockAdded x => cameo.Apply(x),
                CameoRestrictionsSet x => cameo.Apply(x),
                CameoDeactivated x => cameo.Apply(x),
                CameoUseAuthorized x => cameo.Apply(x),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        return cameo;
    }

    private static ConsentOutcome Ask(Cameo cameo, Guid who, string prompt = "a walk on the beach", SocialFacts? social = null, DateTimeOffset? at = null) =>
        ConsentDecision.Decide(cameo, who, prompt, social ?? NotRelated, at ?? Now, null);

    [Fact]
    public void New_cameos_are_only_for_their_owner()
    {
        Assert.Equal(ConsentRightKind.Owner, Ask(Verified(), Owner).Right?.Kind);
        Assert.Equal(ConsentRefusalReason.NotGranted, Ask(Verified(), Stranger).Refusal);
    }

    [Fact]
    public void A_grant_allows_its_grantee_until_revoked_expired_or_used_up()
    {
        var grant = Guid.NewGuid();
        var granted = Verified(new CameoAccessGranted(CameoId, grant, Friend, Now.AddDays(1), 2, Owner, Now));
        var allowed = Ask(granted, Friend);
        Assert.Equal(new ConsentRight(ConsentRightKind.Grant, grant, CameoAudience.OnlyMe, 0, 0), allowed.Right);
        Assert.Equal(ConsentRefusalReason.NotGranted, Ask(granted, Stranger).Refusal);

        Assert.Equal(ConsentRefusalReason.NotGranted,
            Ask(Verified(new CameoAccessGranted(CameoId, grant, Friend, null, null, Owner, Now), new CameoGrantRevoked(CameoId, grant, Friend, Owner, Now)), Friend).Refusal);
        Assert.Equal(ConsentRefusalReason.GrantExpired, Ask(granted, Friend, at: Now.AddDays(2)).Refusal);

        var use = new CameoUseAuthorized(CameoId, Owner, Guid.NewGuid(), Friend, ConsentRightKind.Grant, grant, CameoAudience.OnlyMe, 0, 0, "p", false, "x", "y", Now);
        Assert.Equal(ConsentRefusalReason.GrantExhausted, Ask(Verified(new CameoAccessGranted(CameoId, grant, Friend, null, 2, Owner, Now), use, use with { UseId = Guid.NewGuid() }), Friend).Refusal);
    }

    [Fact]
    public void Audiences_open_the_cameo_and_mutuals_need_a_mutual_follow()
    {
        var everyone = Verified(new CameoAudienceSet(CameoId, CameoAudience.Everyone, 1, Owner, Now));
        Assert.Equal(new ConsentRight(ConsentRightKind.Audience, null, CameoAudience.Everyone, 1, 0), Ask(everyone, Stranger).Right);

        var mutuals = Verified(new CameoAudienceSet(CameoId, CameoAudience.Mutuals, 1, Owner, Now));
        Assert.True(Ask(mutuals, Friend, social: new SocialFacts(true, false)).Allowed);
        Assert.Equal(ConsentRefusalReason.NotMutual, Ask(mutuals, Stranger).Refusal);
        Assert.Equal(ConsentRefusalReason.NotGranted, Ask(Verified(new CameoAudienceSet(CameoId, CameoAudience.Approved, 1, Owner, Now)), Stranger).Refusal);
    }

    [Fact]
    public void Blocks_refuse_even_under_everyone_and_restrictions_bind_everyone_but_the_owner()
    {
        var open = new CameoAudienceSet(CameoId, CameoAudience.Everyone, 1, Owner, Now);
        Assert.Equal(ConsentRefusalReason.Blocked, Ask(Verified(open, new CameoBlockAdded(CameoId, Stranger, Owner, Now)), Stranger).Refusal);
        Assert.Equal(ConsentRefusalReason.Blocked, Ask(Verified(open), Stranger, social: new SocialFacts(false, true)).Refusal);

        var ruled = Verified(open, new CameoRestrictionsSet(CameoId, ["No political content"], 1, Owner, Now));
        Assert.Equal(ConsentRefusalReason.RestrictionMatched, Ask(ruled, Stranger, "me giving a speech at the election rally").Refusal);
        Assert.True(Ask(ruled, Stranger, "me surfing at sunset").Allowed);
        Assert.True(Ask(ruled, Owner, "me at the election rally").Allowed);
        Assert.Equal(1, Ask(ruled, Stranger, "surfing").Right!.RestrictionsVersion);
    }

    [Fact]
    public void Unverified_and_deactivated_cameos_refuse_everyone()
    {
        var pending = Cameo.Create(new CameoVerificationStarted(CameoId, Owner, "phrase", Now));
        Assert.Equal(ConsentRefusalReason.CameoNotVerified, Ask(pending, Owner).Refusal);
        Assert.Equal(ConsentRefusalReason.CameoInactive, Ask(Verified(new CameoDeactivated(CameoId, Owner, Now)), Owner).Refusal);
    }

    [Fact]
    public void A_deleted_cameo_refuses_even_its_owner()
    {
        var deleted = Verified().Apply(new CameoDeleted(CameoId, Owner, Now));
        Assert.Equal(ConsentRefusalReason.CameoInactive, Ask(deleted, Owner).Refusal);
        Assert.NotNull(Ask(deleted, Owner).Detail);
        Assert.Equal(ConsentRefusalReason.CameoInactive, Ask(Verified(new CameoDeactivated(CameoId, Owner, Now)), Stranger).Refusal);
    }

    [Fact]
    public void A_valid_grant_is_the_right_named_even_when_the_audience_would_allow_and_a_lapsed_one_falls_back_to_the_audience()
    {
        var grant = Guid.NewGuid();
        var open = new CameoAudienceSet(CameoId, CameoAudience.Everyone, 3, Owner, Now);
        var both = Verified(open, new CameoAccessGranted(CameoId, grant, Friend, Now.AddDays(1), null, Owner, Now));
        Assert.Equal(new ConsentRight(ConsentRightKind.Grant, grant, CameoAudience.Everyone, 3, 0), Ask(both, Friend).Right);
        // Expired, under EVERYONE: the audience still allows it (and says so).
        Assert.Equal(new ConsentRight(ConsentRightKind.Audience, null, CameoAudience.Everyone, 3, 0), Ask(both, Friend, at: Now.AddDays(2)).Right);
        // Expired, under MUTUALS with a mutual follow: the audience allows it too.
        var mutuals = Verified(new CameoAudienceSet(CameoId, CameoAudience.Mutuals, 1, Owner, Now),
            new CameoAccessGranted(CameoId, grant, Friend, Now.AddDays(1), null, Owner, Now));
        Assert.Equal(ConsentRightKind.Audience, Ask(mutuals, Friend, social: new SocialFacts(true, false), at: Now.AddDays(2)).Right?.Kind);
        Assert.Equal(ConsentRefusalReason.GrantExpired, Ask(mutuals, Friend, at: Now.AddDays(2)).Refusal);
    }

    [Fact]
    public void A_restriction_binds_a_grantee_too_and_names_the_rule_it_matched()
    {
        var ruled = Verified(new CameoAccessGranted(CameoId, Guid.NewGuid(), Friend, null, null, Owner, Now),
            new CameoRestrictionsSet(CameoId, ["no ads", "nothing with alcohol"], 2, Owner, Now));
        var refused = Ask(ruled, Friend, "cheers with a glass of wine");
        Assert.Equal(ConsentRefusalReason.RestrictionMatched, refused.Refusal);
        Assert.Contains("nothing with alcohol", refused.Detail);
        Assert.False(refused.Allowed);
        Assert.Equal(2, Ask(ruled, Friend, "a walk in the park").Right?.RestrictionsVersion);
    }

    [Fact]
    public void The_social_facts_come_from_the_relationship_both_follow_for_mutual_and_only_the_owners_block_counts()
    {
        var id = Sora.Domain.Social.Relationship.IdFor(Owner, Friend);
        var empty = Sora.Domain.Social.Relationship.Empty(id);
        var oneWay = empty.Apply(new Sora.Domain.Social.Followed(Friend, Owner, Now));
        var mutual = oneWay.Apply(new Sora.Domain.Social.Followed(Owner, Friend, Now));
        Assert.Equal(new SocialFacts(false, false), SocialFacts.Between(null, Owner, Friend));
        Assert.Equal(new SocialFacts(false, false), SocialFacts.Between(oneWay, Owner, Friend));
        Assert.Equal(new SocialFacts(true, false), SocialFacts.Between(mutual, Owner, Friend));
        Assert.Equal(new SocialFacts(false, true), SocialFacts.Between(empty.Apply(new Sora.Domain.Social.Blocked(Owner, Friend, Now)), Owner, Friend));
        Assert.Equal(new SocialFacts(false, false), SocialFacts.Between(empty.Apply(new Sora.Domain.Social.Blocked(Friend, Owner, Now)), Owner, Friend));
    }

    [Fact]
    public void The_matcher_returns_the_first_rule_broken_and_nothing_for_no_rules_or_unrelated_words()
    {
        Assert.Equal("no violence", RestrictionMatcher.Violated(["no ads", "no violence", "no guns"], "a gun fight at dawn", null));
        Assert.Null(RestrictionMatcher.Violated([], "a gun fight at dawn", null));
        Assert.Null(RestrictionMatcher.Violated(["no ads"], "a walk by the lake", null));
        Assert.Null(RestrictionMatcher.Violated(["no"], "no way", null)); // a rule of filler words only blocks nothing
    }

    [Theory]
    [InlineData("no political content", "a politician shaking hands", true)]
    [InlineData("no political content", "vote for me", true)]
    [InlineData("nothing with alcohol", "cheers with a glass of wine", true)]
    [InlineData("no violence", "a pillow fight", true)]
    [InlineData("no violence", "a quiet garden", false)]
    [InlineData("don't make me dance", "me dancing in the rain", true)]
    [InlineData("no ads", "an advertisement for soda", true)]
    public void Restrictions_match_prompts_lexically(string rule, string prompt, bool violated) =>
        Assert.Equal(violated, RestrictionMatcher.Violated([rule], prompt, null) is not null);
}

public sealed class ConsentReceiptTests
{
    private static readonly Guid CameoId = Guid.NewGuid();

    private static List<CameoUseAuthorized> Chain(int length)
    {
        var receipts = new List<CameoUseAuthorized>();
        var previous = ConsentReceipts.Genesis;
        for (var i = 0; i < length; i++)
        {
            var at = new DateTimeOffset(2026, 11, 25, 12, i, 0, TimeSpan.Zero);
            var r = new CameoUseAuthorized(CameoId, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ConsentRightKind.Audience, null, CameoAudience.Everyone, 1, 0,
                ConsentReceipts.PromptDigest($"prompt {i}"), false, previous, "", at);
            r = r with { ReceiptHash = ConsentReceipts.Hash(r) };
            receipts.Add(r);
            previous = r.ReceiptHash;
        }
        return receipts;
    }

    [Fact]
    public void An_intact_chain_verifies() => Assert.Null(ConsentReceipts.FirstBroken(Chain(5)));

    [Fact]
    public void Any_edit_removal_or_reordering_is_detected()
    {
        var edited = Chain(5);
        edited[2] = edited[2] with { Right = ConsentRightKind.Owner };
        Assert.Equal(2, ConsentReceipts.FirstBroken(edited));

        var removed = Chain(5);
        removed.RemoveAt(1);
        Assert.Equal(1, ConsentReceipts.FirstBroken(removed));

        var swapped = Chain(5);
        (swapped[3], swapped[4]) = (swapped[4], swapped[3]);
        Assert.Equal(3, ConsentReceipts.FirstBroken(swapped));

        var rehashed = Chain(5);
        rehashed[1] = rehashed[1] with { GrantId = Guid.NewGuid() };
        rehashed[1] = rehashed[1] with { ReceiptHash = ConsentReceipts.Hash(rehashed[1]) }; // a forger re-hashes one receipt…
        Assert.Equal(2, ConsentReceipts.FirstBroken(rehashed));                             // …and breaks the next link
    }
}

public sealed class ChangeCameoConsentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Cameo Mine = Cameo.Create(new CameoVerificationStarted(Guid.NewGuid(), Owner, "p", Now));
    private static readonly Actor OwnerActor = new(Owner, new HashSet<Sora.Domain.Accounts.AccountRole>());

    private static Decision<object> Decide(ConsentChange change, Actor? by = null, bool granteeExists = true) =>
        ChangeCameoConsentDecider.Decide(new ChangeCameoConsent(by ?? OwnerActor, Mine.Id, change), Mine, new ConsentChangeContext(granteeExists, Guid.NewGuid()), Now);

    [Fact]
    public void Only_the_owner_changes_consent()
    {
        var stranger = new Actor(Guid.NewGuid(), new HashSet<Sora.Domain.Accounts.AccountRole> { Sora.Domain.Accounts.AccountRole.Admin });
        Assert.Equal(ErrorCodes.NotFound, Decide(new ConsentChange.SetAudience(CameoAudience.Everyone), stranger).Refusal?.Code);
    }

    [Fact]
    public void Grants_are_validated()
    {
        Assert.Equal(ErrorCodes.CannotTargetSelf, Decide(new ConsentChange.Grant(Owner, null, null)).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, Decide(new ConsentChange.Grant(Guid.NewGuid(), null, null), granteeExists: false).Refusal?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, Decide(new ConsentChange.Grant(Guid.NewGuid(), Now.AddMinutes(-1), null)).Refusal?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, Decide(new ConsentChange.Grant(Guid.NewGuid(), null, 0)).Refusal?.Code);
        Assert.IsType<CameoAccessGranted>(Assert.Single(Decide(new ConsentChange.Grant(Guid.NewGuid(), Now.AddDays(1), 3)).Events));
    }

    [Fact]
    public void Blocking_ends_the_blocked_accounts_grants()
    {
        var friend = Guid.NewGuid();
        var grant = Guid.NewGuid();
        var cameo = Mine.Apply(new CameoAccessGranted(Mine.Id, grant, friend, null, null, Owner, Now));
        var decision = ChangeCameoConsentDecider.Decide(new ChangeCameoConsent(OwnerActor, Mine.Id, new ConsentChange.Block(friend)), cameo, new ConsentChangeContext(true, Guid.NewGuid()), Now);
        Assert.Equal([new CameoBlockAdded(Mine.Id, friend, Owner, Now), new CameoGrantRevoked(Mine.Id, grant, friend, Owner, Now)], decision.Events);
    }

    [Fact]
    public void Restrictions_are_bounded_and_versioned()
    {
        Assert.Equal(ErrorCodes.BadUserInput, Decide(new ConsentChange.SetRestrictions(Enumerable.Range(0, 11).Select(i => $"rule {i}").ToArray())).Refusal?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, Decide(new ConsentChange.SetRestrictions([new string('x', 201)])).Refusal?.Code);
        var set = Assert.IsType<CameoRestrictionsSet>(Assert.Single(Decide(new ConsentChange.SetRestrictions([" no ads ", ""])).Events));
        Assert.Equal(["no ads"], set.Rules);
        Assert.Equal(1, set.RestrictionsVersion);
    }
}
