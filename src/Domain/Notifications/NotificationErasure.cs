using Marten;

namespace Sora.Domain.Notifications;

/// <summary>
/// For deleting an account: removes, in the caller's transaction, its inbox, its preferences and mutes (the settings
/// snapshot), and the items in other inboxes that its actions caused. The settings stream's events stay: they hold ids
/// and kinds only, like every event (docs/privacy.md).
/// </summary>
public static class NotificationErasure
{
    public static void ForgetAccount(IDocumentOperations ops, Guid account)
    {
        ops.DeleteWhere<InboxItem>(i => i.RecipientId == account || i.ActorId == account);
        ops.Delete<NotificationSettings>(NotificationSettings.StreamFor(account));
    }
}
