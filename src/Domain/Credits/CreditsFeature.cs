using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Credits;

public sealed class CreditsFeature : IStoreFeature, IUserErrorFeature
{
    public IEnumerable<string> UserErrorCodes => [CreditDecisions.InsufficientCredits];


    public void Configure(StoreOptions opts)
    {
        CreditEventTypes.Register(opts);
        opts.Projections.Snapshot<CreditLedger>(SnapshotLifecycle.Inline);
    }
}
