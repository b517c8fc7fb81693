using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Privacy;
using Xunit;

namespace Sora.Domain.Tests.Privacy;

public sealed class AccountDeletionDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Guid Request = Guid.NewGuid();
    private static readonly TimeSpan Grace = TimeSpan.FromDays(14);
    private static readonly Account Live = Account.Create(new AccountRegistered(Id, "leaver", Now));
    private static readonly Account Pending = Live.Apply(new AccountDeletionRequested(Id, Request, Now + Grace, Now));

    [Fact]
    public void A_request_schedules_the_deletion_after_the_grace_period_once()
    {
        Assert.Equal([new AccountDeletionRequested(Id, Request, Now + Grace, Now)], RequestAccountDeletionDecider.Decide(Live, Request, Grace, Now).Events);
        // Asking again keeps the first date.
        Assert.Empty(RequestAccountDeletionDecider.Decide(Pending, Guid.NewGuid(), Grace, Now.AddDays(3)).Events);
        Assert.Equal(Now + Grace, Pending.Deletion?.DueAt);
    }

    [Fact]
    public void Cancelling_ends_the_request_and_a_cancelled_request_never_deletes()
    {
        Assert.Equal([new AccountDeletionCancelled(Id, Request, Now)], CancelAccountDeletionDecider.Decide(Pending, Now).Events);
        Assert.Empty(CancelAccountDeletionDecider.Decide(Live, Now).Events);
        var cancelled = Pending.Apply(new AccountDeletionCancelled(Id, Request, Now));
        Assert.Equal(ErrorCodes.NotFound, DeleteAccountDecider.Decide(new DeleteAccount(Id, Request), cancelled, Now + Grace).Refusal?.Code);
        // Renewed later: the old request id no longer deletes; the new one does, at its own date.
        var renewed = cancelled.Apply(new AccountDeletionRequested(Id, Guid.NewGuid(), Now.AddDays(20), Now.AddDays(6)));
        Assert.Equal(ErrorCodes.NotFound, DeleteAccountDecider.Decide(new DeleteAccount(Id, Request), renewed, Now.AddDays(30)).Refusal?.Code);
    }

    [Fact]
    public void The_deletion_waits_for_its_date_and_happens_once()
    {
        Assert.Equal(ErrorCodes.Conflict, DeleteAccountDecider.Decide(new DeleteAccount(Id, Request), Pending, Now + Grace - TimeSpan.FromSeconds(1)).Refusal?.Code);
        var done = DeleteAccountDecider.Decide(new DeleteAccount(Id, Request), Pending, Now + Grace);
        Assert.Equal([new AccountDeleted(Id, Request, Now + Grace)], done.Events);
        var deleted = Pending.Apply((AccountDeleted)done.Events[0]);
        Assert.True(deleted.Deleted);
        Assert.Empty(deleted.Roles);
        Assert.Equal(ErrorCodes.NotFound, DeleteAccountDecider.Decide(new DeleteAccount(Id, Request), deleted, Now + Grace).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, RequestAccountDeletionDecider.Decide(deleted, Guid.NewGuid(), Grace, Now).Refusal?.Code);
    }
}
