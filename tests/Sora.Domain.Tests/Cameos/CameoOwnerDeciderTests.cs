using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Xunit;

namespace Sora.Domain.Tests.Cameos;

/// <summary>The owner's decisions about their cameo (delete, approve, decline, remove a use) and recording submission.</summary>
public sealed class CameoOwnerDeciderTests
{
    private static readonly Guid CameoId = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Stranger = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static Actor As(Guid who) => new(who, new HashSet<AccountRole> { AccountRole.User });

    private static Cameo Verified(params object[] events)
    {
        var cameo = Cameo.Create(new CameoVerificationStarted(CameoId, Owner, "p", Now))
            .Apply(new CameoRecordingReceived(CameoId, Owner, "a", 1, Now)).Apply(new CameoVerified(CameoId, Owner, Now));
        foreach (var e in events) cameo = e switch
        {
            CameoUseAuthorized u => cameo.Apply(u),
            CameoDeleted d => cameo.Apply(d),
            CameoRecordingReceived r => cameo.Apply(r),
            _ => throw new ArgumentException(e.GetType().Name),
        };
        return cameo;
    }

    private static CameoUseAuthorized Use(Guid useId, bool pending) =>
        new(CameoId, Owner, useId, Stranger, ConsentRightKind.Audience, null, CameoAudience.Everyone, 1, 0, "d", pending, ConsentReceipts.Genesis, "h", Now);

    private static CameoUsage Record(CameoUseAuthorized use, bool closed = false) => new()
    {
        Id = use.UseId, CameoId = CameoId, RequesterId = use.RequesterId, ReceiptHash = use.ReceiptHash,
        Status = closed ? CameoUsageStatus.Withdrawn : use.PendingApproval ? CameoUsageStatus.PendingApproval : CameoUsageStatus.Active,
        WithdrawnReason = closed ? CameoUsageProjection.RemovedByOwner : null,
    };

    [Fact]
    public void Only_the_owner_acts_and_a_deleted_cameo_looks_missing_to_everyone()
    {
        Assert.Equal(ErrorCodes.NotFound, ActOnCameoDecider.Decide(new ActOnCameo(As(Stranger), CameoId, OwnerAction.Delete), Verified(), null, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, ActOnCameoDecider.Decide(new ActOnCameo(As(Owner), CameoId, OwnerAction.Delete), null, null, Now).Refusal?.Code);
        Assert.IsType<CameoDeleted>(Assert.Single(ActOnCameoDecider.Decide(new ActOnCameo(As(Owner), CameoId, OwnerAction.Delete), Verified(), null, Now).Events));
        var deleted = Verified(new CameoDeleted(CameoId, Owner, Now));
        Assert.Equal(ErrorCodes.NotFound, ActOnCameoDecider.Decide(new ActOnCameo(As(Owner), CameoId, OwnerAction.Delete), deleted, null, Now).Refusal?.Code);
    }

    [Fact]
    public void Approval_answers_only_pending_uses_and_removal_any_use_once()
    {
        var pending = Use(Guid.NewGuid(), pending: true);
        var standing = Use(Guid.NewGuid(), pending: false);
        var cameo = Verified(pending, standing);
        ActOnCameo Act(OwnerAction action, Guid use) => new(As(Owner), CameoId, action, use);

        Assert.IsType<CameoUseApproved>(Assert.Single(ActOnCameoDecider.Decide(Act(OwnerAction.ApproveUse, pending.UseId), cameo, Record(pending), Now).Events));
        Assert.IsType<CameoUseDeclined>(Assert.Single(ActOnCameoDecider.Decide(Act(OwnerAction.DeclineUse, pending.UseId), cameo, Record(pending), Now).Events));
        Assert.Equal(ErrorCodes.Conflict, ActOnCameoDecider.Decide(Act(OwnerAction.ApproveUse, standing.UseId), cameo, Record(standing), Now).Refusal?.Code);
        Assert.IsType<CameoUseRemoved>(Assert.Single(ActOnCameoDecider.Decide(Act(OwnerAction.RemoveUse, standing.UseId), cameo, Record(standing), Now).Events));
        Assert.Empty(ActOnCameoDecider.Decide(Act(OwnerAction.RemoveUse, standing.UseId), cameo, Record(standing, closed: true), Now).Events);
        Assert.Equal(ErrorCodes.NotFound, ActOnCameoDecider.Decide(Act(OwnerAction.RemoveUse, Guid.NewGuid()), cameo, null, Now).Refusal?.Code);
    }

    [Fact]
    public void A_recording_is_taken_from_the_owner_unless_one_is_being_verified()
    {
        var command = new SubmitCameoRecording(As(Owner), CameoId, [1, 2, 3], "sha");
        Assert.IsType<CameoRecordingReceived>(Assert.Single(SubmitCameoRecordingDecider.Decide(command, Verified(), 3, Now).Events));
        Assert.Equal(ErrorCodes.Conflict,
            SubmitCameoRecordingDecider.Decide(command, Verified(new CameoRecordingReceived(CameoId, Owner, "b", 1, Now)), 3, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, SubmitCameoRecordingDecider.Decide(command with { By = As(Stranger) }, Verified(), 3, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, SubmitCameoRecordingDecider.Decide(command, Verified(new CameoDeleted(CameoId, Owner, Now)), 3, Now).Refusal?.Code);
    }

    [Fact]
    public void Deleting_names_the_owner_and_admins_or_moderators_are_strangers_to_someone_elses_cameo()
    {
        Assert.Equal([new CameoDeleted(CameoId, Owner, Now)], ActOnCameoDecider.Decide(new ActOnCameo(As(Owner), CameoId, OwnerAction.Delete), Verified(), null, Now).Events);
        foreach (var role in new[] { AccountRole.Admin, AccountRole.Moderator })
        {
            var by = new Actor(Stranger, new HashSet<AccountRole> { AccountRole.User, role });
            var refused = ActOnCameoDecider.Decide(new ActOnCameo(by, CameoId, OwnerAction.Delete), Verified(), null, Now);
            Assert.Equal((ErrorCodes.NotFound, "cameoId"), (refused.Refusal?.Code, refused.Refusal?.Field));
            Assert.Empty(refused.Events);
        }
    }

    [Fact]
    public void Answering_a_use_names_it_and_the_owner_and_a_use_of_another_cameo_is_not_found()
    {
        var pending = Use(Guid.NewGuid(), pending: true);
        var cameo = Verified(pending);
        ActOnCameo Act(OwnerAction action) => new(As(Owner), CameoId, action, pending.UseId);
        Assert.Equal([new CameoUseApproved(CameoId, pending.UseId, Owner, Now)], ActOnCameoDecider.Decide(Act(OwnerAction.ApproveUse), cameo, Record(pending), Now).Events);
        Assert.Equal([new CameoUseDeclined(CameoId, pending.UseId, Owner, Now)], ActOnCameoDecider.Decide(Act(OwnerAction.DeclineUse), cameo, Record(pending), Now).Events);
        Assert.Equal([new CameoUseRemoved(CameoId, pending.UseId, Owner, Now)], ActOnCameoDecider.Decide(Act(OwnerAction.RemoveUse), cameo, Record(pending), Now).Events);

        var elsewhere = new CameoUsage { Id = pending.UseId, CameoId = Guid.NewGuid(), ReceiptHash = pending.ReceiptHash };
        foreach (var action in new[] { OwnerAction.ApproveUse, OwnerAction.DeclineUse, OwnerAction.RemoveUse })
        {
            var refused = ActOnCameoDecider.Decide(Act(action), cameo, elsewhere, Now);
            Assert.Equal((ErrorCodes.NotFound, "useId"), (refused.Refusal?.Code, refused.Refusal?.Field));
        }
    }

    [Fact]
    public void A_closed_use_takes_no_answer_and_an_answered_one_cannot_be_answered_again()
    {
        var pending = Use(Guid.NewGuid(), pending: true);
        ActOnCameo Act(OwnerAction action) => new(As(Owner), CameoId, action, pending.UseId);
        foreach (var action in new[] { OwnerAction.ApproveUse, OwnerAction.DeclineUse, OwnerAction.RemoveUse })
        {
            var closed = ActOnCameoDecider.Decide(Act(action), Verified(pending), Record(pending, closed: true), Now);
            Assert.Null(closed.Refusal);
            Assert.Empty(closed.Events);
        }
        var approved = Verified(pending).Apply(new CameoUseApproved(CameoId, pending.UseId, Owner, Now));
        Assert.Empty(approved.PendingUses);
        Assert.Equal(ErrorCodes.Conflict, ActOnCameoDecider.Decide(Act(OwnerAction.DeclineUse), approved, Record(pending), Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Conflict, ActOnCameoDecider.Decide(Act(OwnerAction.ApproveUse), approved, Record(pending), Now).Refusal?.Code);
        Assert.IsType<CameoUseRemoved>(Assert.Single(ActOnCameoDecider.Decide(Act(OwnerAction.RemoveUse), approved, Record(pending), Now).Events));
    }

    [Fact]
    public void A_recording_event_carries_its_digest_and_size_and_a_first_or_failed_cameo_takes_one()
    {
        var command = new SubmitCameoRecording(As(Owner), CameoId, [1, 2, 3], "sha-1");
        var fresh = Cameo.Create(new CameoVerificationStarted(CameoId, Owner, "p", Now));
        Assert.Equal([new CameoRecordingReceived(CameoId, Owner, "sha-1", 3, Now)], SubmitCameoRecordingDecider.Decide(command, fresh, 3, Now).Events);
        var failed = fresh.Apply(new CameoRecordingReceived(CameoId, Owner, "sha-0", 1, Now)).Apply(new CameoVerificationFailed(CameoId, Owner, "NO_FACE", Now));
        Assert.IsType<CameoRecordingReceived>(Assert.Single(SubmitCameoRecordingDecider.Decide(command, failed, 3, Now).Events));
        var missing = SubmitCameoRecordingDecider.Decide(command, null, 3, Now);
        Assert.Equal((ErrorCodes.NotFound, "cameoId"), (missing.Refusal?.Code, missing.Refusal?.Field));
        var admin = command with { By = new Actor(Stranger, new HashSet<AccountRole> { AccountRole.Admin }) };
        Assert.Equal(ErrorCodes.NotFound, SubmitCameoRecordingDecider.Decide(admin, fresh, 3, Now).Refusal?.Code);
    }

    [Fact]
    public void A_use_that_lapsed_can_still_be_removed_so_the_owners_act_is_recorded()
    {
        var standing = Use(Guid.NewGuid(), pending: false);
        var lapsed = Record(standing);
        lapsed.Status = CameoUsageStatus.Withdrawn;
        lapsed.WithdrawnReason = "GRANT_REVOKED";
        var decision = ActOnCameoDecider.Decide(new ActOnCameo(As(Owner), CameoId, OwnerAction.RemoveUse, standing.UseId), Verified(standing), lapsed, Now);
        Assert.Equal([new CameoUseRemoved(CameoId, standing.UseId, Owner, Now)], decision.Events);
    }
}
