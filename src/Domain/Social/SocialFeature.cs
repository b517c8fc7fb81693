using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Social;

public sealed class SocialFeature : IStoreFeature, IUserErrorFeature
{
    public IEnumerable<string> UserErrorCodes => [ErrorCodes.CannotTargetSelf, ErrorCodes.Blocked];


    public void Configure(StoreOptions opts)
    {
        SocialEventTypes.Register(opts);
        // Inline: consent, visibility and follow decisions read who blocks whom in their own transaction.
        opts.Projections.Snapshot<Relationship>(SnapshotLifecycle.Inline);
    }
}
