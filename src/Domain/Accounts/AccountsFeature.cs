using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Accounts;

public sealed class AccountsFeature : IStoreFeature, IUserErrorFeature
{
    public IEnumerable<string> UserErrorCodes => AccountErrors.All;


    public void Configure(StoreOptions opts)
    {
        AccountEventTypes.Register(opts);
        opts.Projections.Snapshot<Account>(SnapshotLifecycle.Inline);
        // Not unique: HandleClaim documents guard uniqueness in the sign-up transaction; a second unique index here
        // would only turn the race's loser into an untyped error.
        opts.Schema.For<Account>().Index(a => a.Handle);
        // The deletion sweep finds the accounts whose grace period has ended.
        opts.Schema.For<Account>().Duplicate(a => a.Deletion!.DueAt);
        opts.Schema.For<HandleClaim>();
        opts.Schema.For<EmailClaim>();
        opts.Schema.For<AccountCredential>();
        opts.Schema.For<ExternalLogin>();
    }
}
