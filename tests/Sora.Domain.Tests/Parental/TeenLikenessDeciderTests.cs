using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Parental;
using Xunit;

namespace Sora.Domain.Tests.Parental;

/// <summary>A teen's cameo: never EVERYONE; with a linked parent, grants and wider audiences become proposals a parent decides.</summary>
public sealed class TeenLikenessDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid CameoId = Guid.NewGuid();
    private static readonly Guid Teen = Guid.NewGuid();
    private static readonly Guid Mum = Guid.NewGuid();
    private static readonly Guid Friend = Guid.NewGuid();
    private static readonly Guid Proposal = Guid.NewGuid();
    private static Actor As(Guid who) => new(who, new HashSet<AccountRole> { AccountRole.User });

    private static readonly Cameo Verified = Cameo.Create(new CameoVerificationStarted(CameoId, Teen, "p", Now))
        .Apply(new CameoRecordingReceived(CameoId, Teen, "a", 1, Now)).Apply(new CameoVerified(CameoId, Teen, Now));

    private static readonly ConsentChangeContext Teenager = new(true, Proposal, OwnerIsTeen: true);
    private static readonly ConsentChangeContext WithParent = Teenager with { ParentCosigns = true };

    private static Decision<object> When(Cameo cameo, ConsentChange change, ConsentChangeContext context) =>
        ChangeCameoConsentDecider.Decide(new ChangeCameoConsent(As(Teen), CameoId, change), cameo, context, Now);

    [Fact]
    public void A_teens_cameo_is_never_open_to_everyone_parent_or_not()
    {
        Assert.Equal(ParentalErrors.TeenAudience, When(Verified, new ConsentChange.SetAudience(CameoAudience.Everyone), Teenager).Refusal?.Code);
        Assert.Equal(ParentalErrors.TeenAudience, When(Verified, new ConsentChange.SetAudience(CameoAudience.Everyone), WithParent).Refusal?.Code);
        Assert.IsType<CameoAudienceSet>(Assert.Single(When(Verified, new ConsentChange.SetAudience(CameoAudience.Mutuals), Teenager).Events));
    }

    [Fact]
    public void With_a_parent_a_grant_and_a_wider_audience_are_proposed_and_a_narrower_one_applies_at_once()
    {
        Assert.Equal([new CameoChangeProposed(CameoId, Proposal, null, Friend, null, 3, Teen, Now)],
            When(Verified, new ConsentChange.Grant(Friend, null, 3), WithParent).Events);
        Assert.Equal([new CameoChangeProposed(CameoId, Proposal, CameoAudience.Mutuals, null, null, null, Teen, Now)],
            When(Verified, new ConsentChange.SetAudience(CameoAudience.Mutuals), WithParent).Events);
        var mutuals = Verified.Apply(new CameoAudienceSet(CameoId, CameoAudience.Mutuals, 1, Teen, Now));
        Assert.IsType<CameoAudienceSet>(Assert.Single(When(mutuals, new ConsentChange.SetAudience(CameoAudience.OnlyMe), WithParent).Events));
        // A revoke or a block never waits either: they are not proposals.
        Assert.IsType<CameoBlockAdded>(Assert.Single(When(Verified, new ConsentChange.Block(Friend), WithParent).Events));
    }

    [Fact]
    public void The_same_proposal_is_not_repeated_and_the_pending_list_is_bounded()
    {
        var proposed = Verified.Apply(new CameoChangeProposed(CameoId, Guid.NewGuid(), null, Friend, null, null, Teen, Now));
        Assert.Empty(When(proposed, new ConsentChange.Grant(Friend, null, null), WithParent).Events);
        var full = Enumerable.Range(0, ConsentChangeContext.MaxPendingChanges)
            .Aggregate(Verified, (c, _) => c.Apply(new CameoChangeProposed(CameoId, Guid.NewGuid(), null, Guid.NewGuid(), null, null, Teen, Now)));
        Assert.Equal(ParentalErrors.TooManyPendingChanges, When(full, new ConsentChange.Grant(Friend, null, null), WithParent).Refusal?.Code);
    }

    [Fact]
    public void A_linked_parent_approves_into_the_change_itself_or_declines_and_no_one_else_decides()
    {
        var proposed = Verified.Apply(new CameoChangeProposed(CameoId, Proposal, null, Friend, null, 2, Teen, Now));
        var approve = new DecideCameoChange(As(Mum), CameoId, Proposal, Approve: true);
        Assert.Equal([new CameoChangeCosigned(CameoId, Proposal, Mum, Now), new CameoAccessGranted(CameoId, Proposal, Friend, null, 2, Teen, Now)],
            DecideCameoChangeDecider.Decide(approve, proposed, byLinkedParent: true, granteeExists: true, Now).Events);
        Assert.Equal([new CameoChangeDeclined(CameoId, Proposal, Mum, Now)],
            DecideCameoChangeDecider.Decide(approve with { Approve = false }, proposed, true, true, Now).Events);
        Assert.Equal(ErrorCodes.NotFound, DecideCameoChangeDecider.Decide(approve, proposed, byLinkedParent: false, true, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, DecideCameoChangeDecider.Decide(approve with { ProposalId = Guid.NewGuid() }, proposed, true, true, Now).Refusal?.Code);
        // Re-decided as it stands: a grantee the teen has blocked since cannot be approved in.
        var blocked = proposed.Apply(new CameoBlockAdded(CameoId, Friend, Teen, Now));
        Assert.Equal(ErrorCodes.Blocked, DecideCameoChangeDecider.Decide(approve, blocked, true, true, Now).Refusal?.Code);
    }

    [Fact]
    public void A_parent_may_remove_or_decline_a_use_but_not_delete_the_cameo_or_approve_uses()
    {
        var use = new CameoUsage { Id = Guid.NewGuid(), CameoId = CameoId, RequesterId = Friend };
        Assert.IsType<CameoUseRemoved>(Assert.Single(ActOnCameoDecider.Decide(new ActOnCameo(As(Mum), CameoId, OwnerAction.RemoveUse, use.Id), Verified, use, Now, byLinkedParent: true).Events));
        Assert.Equal(ErrorCodes.NotFound, ActOnCameoDecider.Decide(new ActOnCameo(As(Mum), CameoId, OwnerAction.Delete), Verified, null, Now, byLinkedParent: true).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, ActOnCameoDecider.Decide(new ActOnCameo(As(Mum), CameoId, OwnerAction.ApproveUse, use.Id), Verified, use, Now, byLinkedParent: true).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, ActOnCameoDecider.Decide(new ActOnCameo(As(Mum), CameoId, OwnerAction.RemoveUse, use.Id), Verified, use, Now).Refusal?.Code);
    }
}
