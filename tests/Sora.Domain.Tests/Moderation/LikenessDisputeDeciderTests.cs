using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Xunit;

namespace Sora.Domain.Tests.Moderation;

/// <summary>Who may open a dispute's evidence and decide it, what each outcome does to both cameos, and the opt-out decisions.</summary>
public sealed class LikenessDisputeDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Incumbent = Guid.NewGuid();
    private static readonly Guid Claimant = Guid.NewGuid();
    private static readonly Guid IncumbentCameo = Guid.NewGuid();
    private static readonly Guid ClaimantCameo = Guid.NewGuid();
    private static readonly Guid DisputeId = Guid.NewGuid();
    private static readonly Actor Moderator = As(Guid.NewGuid(), AccountRole.Moderator);
    private static readonly DisputeEvidence Evidence = new("abc", 123);

    private static Actor As(Guid who, params AccountRole[] roles) => new(who, new HashSet<AccountRole>([AccountRole.User, .. roles]));

    private static LikenessDispute Open() =>
        LikenessDispute.Create(new LikenessDisputeOpened(DisputeId, ClaimantCameo, Claimant, IncumbentCameo, Incumbent, 0.9, Now.AddHours(-1)));

    private static Cameo VerifiedCameo(Guid id, Guid owner) => Cameo.Create(new CameoVerificationStarted(id, owner, "p", Now.AddDays(-1)))
        .Apply(new CameoRecordingReceived(id, owner, "r", 1, Now.AddDays(-1))).Apply(new CameoVerified(id, owner, Now.AddDays(-1)));

    private static Cameo RefusedClaimant() => Cameo.Create(new CameoVerificationStarted(ClaimantCameo, Claimant, "p", Now.AddHours(-2)))
        .Apply(new CameoRecordingReceived(ClaimantCameo, Claimant, "abc", 123, Now.AddHours(-2)))
        .Apply(new CameoVerificationFailed(ClaimantCameo, Claimant, CompleteCameoVerificationDecider.LikenessAlreadyClaimed, Now.AddHours(-1)));

    private static Decision<object> Resolve(DisputeHolder holder, Actor? by = null, LikenessDispute? dispute = null, string reason = "compared both",
        Cameo? claimant = null, DisputeEvidence? evidence = null) =>
        ResolveLikenessDisputeDecider.Decide(new ResolveLikenessDispute(by ?? Moderator, DisputeId, holder, reason), dispute ?? Open(),
            VerifiedCameo(IncumbentCameo, Incumbent), claimant ?? RefusedClaimant(), evidence ?? Evidence, Guid.NewGuid(), Now);

    [Fact]
    public void Only_a_moderator_who_is_not_a_party_opens_or_decides_an_open_dispute_and_always_with_a_reason()
    {
        Refusal? Open(Actor by, LikenessDispute? dispute, string reason = "checking") =>
            OpenDisputeEvidenceDecider.Decide(new OpenDisputeEvidence(by, DisputeId, reason), dispute, Guid.NewGuid(), Now).Refusal;

        Assert.Equal(ErrorCodes.Forbidden, Open(As(Guid.NewGuid()), LikenessDisputeDeciderTests.Open())?.Code);
        Assert.Equal(ErrorCodes.Forbidden, Open(As(Guid.NewGuid(), AccountRole.Auditor), LikenessDisputeDeciderTests.Open())?.Code);
        Assert.Equal(ErrorCodes.Forbidden, Open(As(Incumbent, AccountRole.Moderator), LikenessDisputeDeciderTests.Open())?.Code);
        Assert.Equal(ErrorCodes.Forbidden, Open(As(Claimant, AccountRole.Admin), LikenessDisputeDeciderTests.Open())?.Code);
        Assert.Equal(ErrorCodes.NotFound, Open(Moderator, null)?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, Open(Moderator, LikenessDisputeDeciderTests.Open(), "  ")?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, Open(Moderator, LikenessDisputeDeciderTests.Open(), new string('x', LikenessDisputes.MaxReason + 1))?.Code);
        Assert.Null(Open(As(Guid.NewGuid(), AccountRole.Admin), LikenessDisputeDeciderTests.Open()));

        var opened = Assert.IsType<LikenessDisputeEvidenceOpened>(Assert.Single(
            OpenDisputeEvidenceDecider.Decide(new OpenDisputeEvidence(Moderator, DisputeId, "checking"), LikenessDisputeDeciderTests.Open(), Guid.NewGuid(), Now).Events));
        Assert.Equal((DisputeId, Moderator.AccountId, Now), (opened.DisputeId, opened.ModeratorId, opened.At));

        Assert.Equal(ErrorCodes.Forbidden, Resolve(DisputeHolder.Incumbent, by: As(Incumbent, AccountRole.Moderator)).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, Resolve(DisputeHolder.Claimant, by: As(Claimant, AccountRole.Moderator)).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, Resolve(DisputeHolder.Claimant, by: As(Guid.NewGuid(), AccountRole.Auditor)).Refusal?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, Resolve(DisputeHolder.Claimant, reason: "").Refusal?.Code);

        var resolved = Resolve(DisputeHolder.Incumbent).Events.OfType<LikenessDisputeResolved>().Single();
        var closed = LikenessDisputeDeciderTests.Open().Apply(resolved);
        Assert.Equal((LikenessDisputeStatus.Resolved, DisputeHolder.Incumbent), (closed.Status, closed.Holder));
        Assert.Equal(CaseActions.NotActionable, Resolve(DisputeHolder.Claimant, dispute: closed).Refusal?.Code);
        Assert.Equal(CaseActions.NotActionable, Open(Moderator, closed)?.Code);
    }

    [Fact]
    public void The_claimant_winning_ends_the_incumbents_likeness_and_receives_the_kept_recording_again()
    {
        var decision = Resolve(DisputeHolder.Claimant);
        Assert.Null(decision.Refusal);
        var resolved = decision.Events.OfType<LikenessDisputeResolved>().Single();
        Assert.Equal((ClaimantCameo, IncumbentCameo, Moderator.AccountId), (resolved.WinnerCameoId, resolved.LoserCameoId, resolved.ModeratorId));
        var decided = decision.Events.OfType<CameoDisputeDecided>().ToDictionary(d => d.CameoId);
        var received = decision.Events.OfType<CameoRecordingReceived>().Single();
        Assert.Equal((ClaimantCameo, "abc", 123L), (received.CameoId, received.Sha256, received.Bytes));

        var incumbent = VerifiedCameo(IncumbentCameo, Incumbent).Apply(decided[IncumbentCameo]);
        Assert.Equal((false, CameoStatus.Failed, LikenessDisputes.DisputeLost, false), (incumbent.LikenessInForce, incumbent.Status, incumbent.FailureReason,
            incumbent.LastDisputeKept));
        var claimant = RefusedClaimant().Apply(decided[ClaimantCameo]).Apply(received);
        Assert.Equal((CameoStatus.Verifying, "abc", null as string, true), (claimant.Status, claimant.RecordingSha256, claimant.FailureReason, claimant.LastDisputeKept));
    }

    [Fact]
    public void The_incumbent_winning_keeps_its_likeness_and_names_the_dispute_in_the_claimants_refusal()
    {
        var decision = Resolve(DisputeHolder.Incumbent);
        Assert.Empty(decision.Events.OfType<CameoRecordingReceived>());
        var decided = decision.Events.OfType<CameoDisputeDecided>().ToDictionary(d => d.CameoId);
        var incumbent = VerifiedCameo(IncumbentCameo, Incumbent).Apply(decided[IncumbentCameo]);
        Assert.Equal((true, CameoStatus.Verified, true), (incumbent.LikenessInForce, incumbent.Status, incumbent.LastDisputeKept));
        var claimant = RefusedClaimant().Apply(decided[ClaimantCameo]);
        Assert.Equal((CameoStatus.Failed, LikenessDisputes.DisputeLost, false), (claimant.Status, claimant.FailureReason, claimant.LastDisputeKept));
    }

    [Fact]
    public void A_claimant_who_deleted_their_cameo_or_whose_recording_is_gone_cannot_be_awarded_the_likeness()
    {
        var deleted = RefusedClaimant().Apply(new CameoDeleted(ClaimantCameo, Claimant, Now));
        Assert.Equal(CaseActions.NotActionable, Resolve(DisputeHolder.Claimant, claimant: deleted).Refusal?.Code);
        Assert.Equal(CaseActions.NotActionable, ResolveLikenessDisputeDecider.Decide(new ResolveLikenessDispute(Moderator, DisputeId, DisputeHolder.Claimant, "r"),
            Open(), VerifiedCameo(IncumbentCameo, Incumbent), RefusedClaimant(), null, Guid.NewGuid(), Now).Refusal?.Code);
        // The incumbent may still keep it: only its own cameo hears the outcome.
        var kept = Resolve(DisputeHolder.Incumbent, claimant: deleted);
        Assert.Equal([IncumbentCameo], kept.Events.OfType<CameoDisputeDecided>().Select(d => d.CameoId));
    }

    [Fact]
    public void An_opt_out_never_overrides_a_verified_likeness_and_a_face_that_opted_out_is_no_ones_cameo()
    {
        var id = Guid.NewGuid();
        var verifying = LikenessOptOut.Create(new LikenessOptOutStarted(id, "p", Now)).Apply(new LikenessOptOutRecordingReceived(id, "s", 1, Now));

        var claimed = CompleteOptOutVerificationDecider.Decide(verifying, null, [new LikenessMatchFound(IncumbentCameo, Incumbent, 0.8)], Now);
        var failed = verifying.Apply(Assert.IsType<LikenessOptOutFailed>(Assert.Single(claimed.Events)));
        Assert.Equal((OptOutStatus.Failed, false, CompleteCameoVerificationDecider.LikenessAlreadyClaimed), (failed.Status, failed.InForce, failed.FailureReason));

        var sameFace = CompleteOptOutVerificationDecider.Decide(verifying, null, [new LikenessMatchFound(Guid.NewGuid(), Guid.Empty, 0.9) { OptOut = true }], Now);
        var inForce = verifying.Apply(Assert.IsType<LikenessOptOutVerified>(Assert.Single(sameFace.Events)));
        Assert.Equal((OptOutStatus.InForce, true, 1), (inForce.Status, inForce.InForce, inForce.Version));
        Assert.IsType<LikenessOptOutFailed>(Assert.Single(CompleteOptOutVerificationDecider.Decide(verifying, "NO_SPEECH", [], Now).Events));

        // A refused re-record leaves the opt-out in force; withdrawal ends it, and withdrawing again changes nothing.
        var reRecorded = inForce.Apply(new LikenessOptOutRecordingReceived(id, "t", 1, Now)).Apply(new LikenessOptOutFailed(id, "NO_FACE", Now));
        Assert.Equal((OptOutStatus.InForce, true), (reRecorded.Status, reRecorded.InForce));
        var withdrawn = inForce.Apply(Assert.IsType<LikenessOptOutWithdrawn>(Assert.Single(WithdrawLikenessOptOutDecider.Decide(inForce, Now).Events)));
        Assert.Equal((OptOutStatus.Withdrawn, false), (withdrawn.Status, withdrawn.InForce));
        Assert.Empty(WithdrawLikenessOptOutDecider.Decide(withdrawn, Now).Events);
        Assert.Equal(ErrorCodes.NotFound, WithdrawLikenessOptOutDecider.Decide(null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound,
            SubmitOptOutRecordingDecider.Decide(new SubmitOptOutRecording(id, "t", [1], "s"), withdrawn, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Conflict,
            SubmitOptOutRecordingDecider.Decide(new SubmitOptOutRecording(id, "t", [1], "s"), verifying, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.BadUserInput, StartLikenessOptOutDecider.Decide(new StartLikenessOptOut(false), id, "p", Now).Refusal?.Code);

        // A cameo verification of a face that opted out is refused for its account, with no dispute (there is no account to dispute with).
        var cameo = Cameo.Create(new CameoVerificationStarted(ClaimantCameo, Claimant, "p", Now)).Apply(new CameoRecordingReceived(ClaimantCameo, Claimant, "x", 1, Now));
        var refused = CompleteCameoVerificationDecider.Decide(cameo, null, [new LikenessMatchFound(id, Guid.Empty, 0.9) { OptOut = true }], Guid.NewGuid(), Now);
        Assert.Null(refused.Dispute);
        Assert.Equal(LikenessOptOuts.OptedOut, Assert.IsType<CameoVerificationFailed>(Assert.Single(refused.CameoEvents)).Reason);
    }
}
