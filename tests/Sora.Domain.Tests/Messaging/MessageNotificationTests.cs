using Sora.Domain.Messaging;
using Sora.Domain.Notifications;
using Sora.Projections.Messaging;
using Sora.Projections.Notifications;
using Xunit;

namespace Sora.Domain.Tests.Messaging;

public sealed class MessageNotificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_message_notifies_its_sender_and_exactly_the_members_it_reached_with_ids_only()
    {
        var (ann, bob, cat, conv, msg) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var notes = MessageNotifications.For(new MessageSent(conv, msg, ann, [bob], true, null, Now), 7).ToList();
        Assert.Equal([bob, ann], notes.Select(n => n.RecipientId));
        Assert.All(notes, n => Assert.Equal((NotificationKind.MessageAdded, conv, msg, 7L), (n.Kind, n.ConversationId, n.MessageId, n.Sequence)));
        Assert.DoesNotContain(cat, notes.Select(n => n.RecipientId));
        // A message is live news, not an inbox item.
        Assert.Empty(NotificationRules.For(new MessageSent(conv, msg, ann, [bob], true, null, Now), 7));
        // Small: NOTIFY payloads are capped at 8000 bytes.
        Assert.True(System.Text.Json.JsonSerializer.Serialize(notes[0]).Length < 1000);
    }

    [Fact]
    public void A_message_request_notifies_its_recipient_and_a_plain_start_no_one()
    {
        var (ann, bob, conv) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var request = Assert.Single(NotificationRules.For(new ConversationStarted(conv, ann, [ann, bob], false, [bob], Now), 3));
        Assert.Equal((bob, NotificationKind.MessageRequestReceived, ann, conv), (request.RecipientId, request.Kind, request.ActorId, request.ConversationId));
        Assert.Empty(NotificationRules.For(new ConversationStarted(conv, ann, [ann, bob], false, [], Now), 3));
    }
}
