using Marten;
using Sora.Domain.Common;

namespace Sora.Projections.Notifications;

public sealed class NotificationProjections : IStoreFeature
{
    // A session listener, not a projection: a projection rebuild must never replay old notifications.
    public void Configure(StoreOptions opts) => opts.Listeners.Add(new NotifyOnCommit());
}
