using Sora.Domain.Messaging;
using Sora.Domain.Notifications;
using Sora.Projections.Notifications;

namespace Sora.Projections.Messaging;

/// <summary>
/// The live half of direct messages: each delivered message notifies its sender and every recipient (so each of
/// their devices, on any API node, hears it), with ids only. Kept apart from <see cref="NotificationRules"/>, which
/// says what enters the inbox: a message is not an inbox item, a message request is. Pure.
/// </summary>
public static class MessageNotifications
{
    public static IEnumerable<UserNotification> For(object data, long sequence) => data is MessageSent m
        ? m.RecipientIds.Append(m.SenderId).Distinct().Select(member =>
            new UserNotification(member, NotificationKind.MessageAdded, m.SenderId, m.At, sequence, ConversationId: m.ConversationId, MessageId: m.MessageId))
        : [];
}
