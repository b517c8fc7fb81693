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
}
