using JasperFx.Events;
using Sora.Domain.Messaging;

namespace Sora.Domain.Tests.Messaging;

/// <summary>A conversation folded from its events through the public Create/Apply (as Marten does), with sequences.</summary>
public static class ConversationHistory
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static Conversation Given(params object[] events)
    {
        Conversation? state = null;
        long seq = 100;
        foreach (var e in events)
        {
            seq++;
            state = (e, state) switch
            {
                (ConversationStarted s, null) => Conversation.Create(new Event<ConversationStarted>(s) { Sequence = seq }),
                (MessageSent m, { } c) => c.Apply(new Event<MessageSent>(m) { Sequence = seq }),
                (MessageRequestAccepted a, { } c) => c.Apply(a),
                (MessageRequestDeclined d, { } c) => c.Apply(d),
                (ConversationRead r, { } c) => c.Apply(r),
                (ConversationMemberLeft l, { } c) => c.Apply(l),
                (ConversationDeleted d, { } c) => c.Apply(d),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        }
        return state!;
    }

    public static MessagingFacts Facts(Guid sender, params (Guid Id, Between Between)[] others) =>
        new(MessagingParty.Adult(sender), others.ToDictionary(o => o.Id, o => new RecipientFacts(MessagingParty.Adult(o.Id), o.Between)));

    /// <summary>The recipient follows the sender.</summary>
    public static readonly Between Follower = new(false, true, false, false);
    public static readonly Between Mutual = new(true, true, false, false);
}
