using Sora.Domain.Cameos;
using Xunit;

namespace Sora.Domain.Tests.Cameos;

/// <summary>Re-recording, one face per account, and receipts that say how a likeness entered a video.</summary>
public sealed class LikenessDecisionTests
{
    private static readonly Guid CameoId = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static Cameo Verified() => Cameo.Create(new CameoVerificationStarted(CameoId, Owner, "p", Now))
        .Apply(new CameoRecordingReceived(CameoId, Owner, "a", 1, Now)).Apply(new CameoVerified(CameoId, Owner, Now));

    [Fact]
    public void A_re_record_under_verification_or_refused_keeps_the_likeness_and_its_rights()
    {
        var verifying = Verified().Apply(new CameoRecordingReceived(CameoId, Owner, "b", 1, Now.AddMinutes(1)));
        var failed = verifying.Apply(new CameoVerificationFailed(CameoId, Owner, "NO_SPEECH", Now.AddMinutes(2)));
        foreach (var cameo in new[] { verifying, failed })
        {
            Assert.True(cameo.LikenessInForce);
            Assert.Equal(Now, cameo.VerifiedAt);
            Assert.Equal(ConsentRightKind.Owner, ConsentDecision.Decide(cameo, Owner, "me", new SocialFacts(false, false), Now, null).Right?.Kind);
        }
        Assert.Equal(CameoStatus.Failed, failed.Status);
        Assert.False(failed.Apply(new CameoDeleted(CameoId, Owner, Now)).LikenessInForce);
        Assert.False(Cameo.Create(new CameoVerificationStarted(CameoId, Owner, "p", Now)).LikenessInForce);
    }

    [Fact]
    public void A_face_matching_another_accounts_likeness_is_refused_and_disputed_but_the_owners_own_is_a_re_record()
    {
        var cameo = Verified();
        var dispute = Guid.NewGuid();
        var claimed = CompleteCameoVerificationDecider.Decide(cameo, null, [new LikenessMatchFound(Guid.NewGuid(), Other, 0.81)], dispute, Now);
        Assert.False(claimed.Verified);
        Assert.Equal(CompleteCameoVerificationDecider.LikenessAlreadyClaimed, Assert.IsType<CameoVerificationFailed>(Assert.Single(claimed.CameoEvents)).Reason);
        Assert.Equal((dispute, Owner, Other), (claimed.Dispute!.DisputeId, claimed.Dispute.ClaimantId, claimed.Dispute.ClaimedOwnerId));

        var own = CompleteCameoVerificationDecider.Decide(cameo, null, [new LikenessMatchFound(CameoId, Owner, 0.95)], dispute, Now);
        Assert.True(own.Verified);
        Assert.Null(own.Dispute);

        var refused = CompleteCameoVerificationDecider.Decide(cameo, "NO_FACE", [], dispute, Now);
        Assert.Equal("NO_FACE", Assert.IsType<CameoVerificationFailed>(Assert.Single(refused.CameoEvents)).Reason);
        Assert.Null(refused.Dispute);
    }

    [Fact]
    public void A_receipts_path_and_lineage_are_part_of_its_hash_and_mentions_hash_as_before()
    {
        var mention = new CameoUseAuthorized(CameoId, Owner, Guid.NewGuid(), Other, ConsentRightKind.Grant, Guid.NewGuid(), CameoAudience.Approved, 1, 0,
            ConsentReceipts.PromptDigest("p"), false, ConsentReceipts.Genesis, "", Now);
        // A mention hashes exactly as receipts stored before paths existed (the positional fields only).
        Assert.Equal(ConsentReceipts.Hash(mention.CameoId, mention.UseId, mention.RequesterId, mention.Right, mention.GrantId, mention.Audience,
            mention.AudienceVersion, mention.RestrictionsVersion, mention.PromptSha256, mention.PendingApproval, mention.At, mention.PreviousHash),
            ConsentReceipts.Hash(mention));
        var image = mention with { Path = CameoUsePath.InputImage };
        var inherited = mention with { Path = CameoUsePath.Inherited, SourceVideoId = Guid.NewGuid(), ParentUseId = Guid.NewGuid() };
        Assert.Equal(3, new[] { ConsentReceipts.Hash(mention), ConsentReceipts.Hash(image), ConsentReceipts.Hash(inherited) }.Distinct().Count());
        Assert.NotEqual(ConsentReceipts.Hash(inherited), ConsentReceipts.Hash(inherited with { ParentUseId = Guid.NewGuid() }));

        // Changing a stored receipt's path breaks the chain like any other edit.
        var stored = image with { ReceiptHash = ConsentReceipts.Hash(image) };
        Assert.Null(ConsentReceipts.FirstBroken([stored]));
        Assert.Equal(0, ConsentReceipts.FirstBroken([stored with { Path = CameoUsePath.Mention }]));
    }

    [Fact]
    public void A_verification_without_matches_verifies_and_of_several_claims_the_closest_is_disputed()
    {
        var cameo = Verified();
        var clean = CompleteCameoVerificationDecider.Decide(cameo, null, [], Guid.NewGuid(), Now);
        Assert.Equal([new CameoVerified(CameoId, Owner, Now)], clean.CameoEvents);
        Assert.True(clean.Verified);
        Assert.Null(clean.Dispute);

        var (near, far, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var dispute = Guid.NewGuid();
        var claimed = CompleteCameoVerificationDecider.Decide(cameo, null,
            [new LikenessMatchFound(far, Other, 0.71), new LikenessMatchFound(CameoId, Owner, 0.99), new LikenessMatchFound(near, third, 0.876543)], dispute, Now);
        Assert.Equal(new LikenessDisputeOpened(dispute, CameoId, Owner, near, third, 0.8765, Now), claimed.Dispute);
        Assert.Equal([new CameoVerificationFailed(CameoId, Owner, CompleteCameoVerificationDecider.LikenessAlreadyClaimed, Now)], claimed.CameoEvents);
    }

    [Fact]
    public void The_verifiers_refusal_wins_over_any_match_and_opens_no_dispute()
    {
        var refused = CompleteCameoVerificationDecider.Decide(Verified(), "NO_SPEECH", [new LikenessMatchFound(Guid.NewGuid(), Other, 0.9)], Guid.NewGuid(), Now);
        Assert.Equal([new CameoVerificationFailed(CameoId, Owner, "NO_SPEECH", Now)], refused.CameoEvents);
        Assert.False(refused.Verified);
        Assert.Null(refused.Dispute);
    }

    [Fact]
    public void Of_several_likenesses_in_force_each_owner_keeps_the_latest_verified_and_deleted_ones_count_for_nothing()
    {
        Cameo Of(Guid id, Guid owner, DateTimeOffset verified) => Cameo.Create(new CameoVerificationStarted(id, owner, "p", Now))
            .Apply(new CameoRecordingReceived(id, owner, "a", 1, verified)).Apply(new CameoVerified(id, owner, verified));
        var older = Of(Guid.NewGuid(), Owner, Now.AddDays(-2));
        var newer = Of(Guid.NewGuid(), Owner, Now.AddDays(-1));
        var deletedNewest = Of(Guid.NewGuid(), Owner, Now).Apply(new CameoDeleted(CameoId, Owner, Now));
        var (low, high) = (new Guid("00000000-0000-0000-0000-000000000001"), new Guid("00000000-0000-0000-0000-000000000002"));
        var tieLow = Of(low, Other, Now);
        var tieHigh = Of(high, Other, Now);

        var chosen = Likenesses.OnePerAccount([older, deletedNewest, newer, tieLow, tieHigh]).ToDictionary(c => c.OwnerId, c => c.Id);
        Assert.Equal(2, chosen.Count);
        Assert.Equal(newer.Id, chosen[Owner]);
        Assert.Equal(high, chosen[Other]); // a tie goes to the larger id
        Assert.Empty(Likenesses.OnePerAccount([deletedNewest, Cameo.Create(new CameoVerificationStarted(Guid.NewGuid(), Other, "p", Now))]));
        Assert.True(Likenesses.InForce.Compile()(newer));
        Assert.False(Likenesses.InForce.Compile()(deletedNewest));
    }
}
