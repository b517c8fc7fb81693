using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Projections.Notifications;

public sealed class NotificationProjections : IStoreFeature
{
    public void Configure(StoreOptions opts)
    {
        // Inline: the push is made of the items it stores (see InboxProjection for why).
        opts.Projections.Add(new InboxProjection(), ProjectionLifecycle.Inline);
        // A session listener, not a projection: a projection rebuild must never replay old notifications.
        opts.Listeners.Add(new NotifyOnCommit());
    }
}
