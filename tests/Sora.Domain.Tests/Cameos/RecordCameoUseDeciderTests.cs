using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Xunit;

namespace Sora.Domain.Tests.Cameos;

/// <summary>From the consent decision to the use: its refusal code, or its chained, verifiable receipt.</summary>
public sealed class RecordCameoUseDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Fan = Guid.NewGuid();
    private static readonly Guid CameoId = Guid.NewGuid();

    private static Cameo Verified(bool approval = false)
    {
        var cameo = Cameo.Create(new CameoVerificationStarted(CameoId, Owner, "phrase", Now))
            .Apply(new CameoRecordingReceived(CameoId, Owner, "sha", 1, Now))
            .Apply(new CameoVerified(CameoId, Owner, Now))
            .Apply(new CameoAudienceSet(CameoId, CameoAudience.Everyone, 1, Owner, Now));
        return approval ? cameo.Apply(new CameoApprovalModeSet(CameoId, true, Owner, Now)) : cameo;
    }

    private static Decision<object> Decide(Cameo cameo, Guid requester, string prompt = "a walk on the beach", CameoUsePath path = CameoUsePath.Mention,
        Guid? source = null, Guid? parent = null)
    {
        var command = new RecordCameoUse(cameo.Id, Guid.NewGuid(), requester, prompt, path, source, parent);
        return RecordCameoUseDecider.Decide(command, cameo, ConsentDecision.Decide(cameo, requester, prompt, new SocialFacts(false, false), Now, null), Now);
    }

    [Fact]
    public void An_allowed_use_is_a_receipt_chained_to_the_cameos_last_one_that_verifies()
    {
        var cameo = Verified();
        var receipt = Assert.IsType<CameoUseAuthorized>(Assert.Single(Decide(cameo, Fan).Events));
        Assert.Equal((CameoId, Owner, Fan, ConsentRightKind.Audience, false), (receipt.CameoId, receipt.OwnerId, receipt.RequesterId, receipt.Right, receipt.PendingApproval));
        Assert.Equal(cameo.LastReceiptHash, receipt.PreviousHash);
        Assert.Equal(ConsentReceipts.Hash(receipt), receipt.ReceiptHash);
        // The prompt is kept only as a digest: receipts never hold what people wrote.
        Assert.Equal(ConsentReceipts.PromptDigest("a walk on the beach"), receipt.PromptSha256);
        Assert.DoesNotContain("beach", receipt.PromptSha256);

        var next = Assert.IsType<CameoUseAuthorized>(Assert.Single(Decide(cameo.Apply(receipt), Fan).Events));
        Assert.Equal(receipt.ReceiptHash, next.PreviousHash);
    }

    [Fact]
    public void In_approval_mode_others_wait_and_the_owner_does_not()
    {
        var cameo = Verified(approval: true);
        Assert.True(((CameoUseAuthorized)Decide(cameo, Fan).Events[0]).PendingApproval);
        var own = (CameoUseAuthorized)Decide(cameo, Owner).Events[0];
        Assert.Equal((ConsentRightKind.Owner, false), (own.Right, own.PendingApproval));
    }

    [Fact]
    public void A_matched_rule_is_CONSENT_RESTRICTED_and_any_other_no_is_CONSENT_REQUIRED_with_nothing_recorded()
    {
        var restricted = Verified().Apply(new CameoRestrictionsSet(CameoId, ["no politics"], 1, Owner, Now));
        var refused = Decide(restricted, Fan, "a speech about politics");
        Assert.Equal(RecordCameoUseDecider.ConsentRestricted, refused.Refusal?.Code);
        Assert.Empty(refused.Events);

        var onlyMe = Verified().Apply(new CameoAudienceSet(CameoId, CameoAudience.OnlyMe, 2, Owner, Now));
        var required = Decide(onlyMe, Fan);
        Assert.Equal(RecordCameoUseDecider.ConsentRequired, required.Refusal?.Code);
        Assert.Empty(required.Events);
    }

    [Fact]
    public void The_path_and_remix_lineage_are_on_the_receipt_and_in_its_hash()
    {
        var cameo = Verified();
        var (source, parent) = (Guid.NewGuid(), Guid.NewGuid());
        var inherited = (CameoUseAuthorized)Decide(cameo, Fan, path: CameoUsePath.Inherited, source: source, parent: parent).Events[0];
        Assert.Equal((CameoUsePath.Inherited, source, parent), (inherited.Path, inherited.SourceVideoId, inherited.ParentUseId));
        Assert.Equal(ConsentReceipts.Hash(inherited), inherited.ReceiptHash);
        Assert.NotEqual(ConsentReceipts.Hash(inherited with { ParentUseId = Guid.NewGuid() }), inherited.ReceiptHash);
    }
}
