using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Notifications;

public sealed class NotificationsFeature : IStoreFeature, IUserErrorFeature
{
    public IEnumerable<string> UserErrorCodes => NotificationErrors.All;

    public void Configure(StoreOptions opts)
    {
        NotificationEventTypes.Register(opts);
        // Inline: the inbox projection reads every recipient's settings in the transaction that notifies them.
        opts.Projections.Snapshot<NotificationSettings>(SnapshotLifecycle.Inline);
        // Every inbox query and prune is per recipient (at most MaxPerAccount rows each); the actor column serves the
        // block and deletion statements.
        opts.Schema.For<InboxItem>().Duplicate(x => x.RecipientId).Duplicate(x => x.ActorId).Duplicate(x => x.Seq).Duplicate(x => x.Read);
    }
}

public static class NotificationErrors
{
    /// <summary>The account already mutes <see cref="NotificationSettings.MaxMutes"/> accounts.</summary>
    public const string MuteLimitReached = "MUTE_LIMIT_REACHED";

    public static readonly string[] All = [MuteLimitReached];
}
