using Marten;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.Domain.Privacy;

namespace Sora.Domain.Messaging;

/// <summary>
/// A message into a conversation: some text (sealed under the conversation's key), a shared video, or both.
/// <paramref name="ClientRequestId"/>: the client's id for it, so a retry after a lost answer sends it once.
/// </summary>
public sealed record SendMessage(Actor By, Guid ConversationId, string? Text, Guid? SharedVideoId, string? ClientRequestId = null);

/// <summary>What a message would be, once its content passed: its id, whether it has text, the video it shares.</summary>
public sealed record OutgoingMessage(Guid MessageId, bool HasText, Guid? SharedVideoId);

/// <summary>
/// Pure. Refuses (first match): not a member (NOT_FOUND, so nobody learns a conversation exists); the sender's minute is
/// full; the request was declined by the other side; the starter already sent the one message a request carries; the
/// rules between sender and recipient (<see cref="DirectMessageRules"/>). One-to-one, a refused recipient refuses the
/// message; in a group, the message goes to the members the rules admit (none: the first refusal). The recipient of a
/// request who answers accepts it; so does a decliner who writes after all.
/// </summary>
public static class SendMessageDecider
{
    public static Decision<object> Decide(Guid sender, Conversation? conversation, OutgoingMessage message, MessagingFacts facts, int sentLastMinute,
        DateTimeOffset now)
    {
        if (conversation is null || !conversation.IsMember(sender))
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such conversation.", "conversationId");
        if (sentLastMinute >= MessagingLimits.MessagesPerMinute)
            return Decision<object>.Refuse(MessagingErrors.RateLimited, $"At most {MessagingLimits.MessagesPerMinute} messages a minute; try again shortly.");

        var events = new List<object>();
        if (conversation.DeclinedBy is { } decliner)
        {
            if (decliner != sender) return Decision<object>.Refuse(MessagingErrors.RequestDeclined, "This message request was declined.");
            events.Add(new MessageRequestAccepted(conversation.Id, sender, now));
        }
        else if (conversation.IsRequestFor(sender)) events.Add(new MessageRequestAccepted(conversation.Id, sender, now));
        else if (conversation.Pending.Length > 0 && sender == conversation.StartedBy && conversation.SentWhilePending >= MessagingLimits.MessagesWhilePending)
            return Decision<object>.Refuse(MessagingErrors.RequestPending,
                $"Your message request is waiting to be accepted; you can send {MessagingLimits.MessagesWhilePending} message until then.");

        var verdicts = conversation.Members.Where(m => m != sender)
            .Select(m => (Member: m, Refusal: facts.Recipients.TryGetValue(m, out var r)
                ? DirectMessageRules.Check(facts.Sender, r.Party, r.Between, now)
                : new Refusal(MessagingErrors.NoRecipients, "No one can receive this message.")))
            .ToList();
        var refused = verdicts.FirstOrDefault(v => v.Refusal is not null).Refusal;
        if (!conversation.IsGroup && refused is not null) return new Decision<object>([], refused);
        var recipients = verdicts.Where(v => v.Refusal is null).Select(v => v.Member).ToArray();
        if (recipients.Length == 0)
            return new Decision<object>([], refused ?? new Refusal(MessagingErrors.NoRecipients, "No one else is in this conversation."));

        events.Add(new MessageSent(conversation.Id, message.MessageId, sender, recipients, message.HasText, message.SharedVideoId, now));
        return Decision<object>.Accept([.. events]);
    }
}

public static class SendMessageHandler
{
    public static async Task<CommandResult> Handle(SendMessage command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        if (MessageContent.Check(command.Text, command.SharedVideoId, command.ClientRequestId) is { } bad) return CommandResult.No(bad);
        var sender = command.By.AccountId;
        // One sender's messages take turns: the per-minute limit and a retry's "already sent" are exact under concurrency.
        await AdvisoryLock.AcquireAsync(session, AdvisoryLock.MessageSender, sender, ct);
        var messageId = MessageContent.IdFor(sender, command.ClientRequestId);
        if (command.ClientRequestId is not null && await session.LoadAsync<MessageRecord>(messageId, ct) is { } sent)
            return sent.ConversationId == command.ConversationId ? CommandResult.Ok(sent.Id)
                : CommandResult.Refuse(ErrorCodes.BadUserInput, "This clientRequestId was used for another message.", "clientRequestId");

        var stream = await session.Events.FetchForWriting<Conversation>(command.ConversationId, ct);
        if (stream.Aggregate is not { } conversation || !conversation.IsMember(sender))
            return CommandResult.Refuse(ErrorCodes.NotFound, "No such conversation.", "conversationId");
        return await DeliverAsync(session, vault, stream, sender, messageId, command.Text, command.SharedVideoId, clock.GetUtcNow(), ct);
    }

    /// <summary>Shared with startConversation when the pair's conversation already exists: checks, decides, seals, saves.</summary>
    internal static async Task<CommandResult> DeliverAsync(IDocumentSession session, PersonalDataVault vault,
        JasperFx.Events.IEventStream<Conversation> stream, Guid sender, Guid messageId, string? text, Guid? sharedVideoId, DateTimeOffset now,
        CancellationToken ct)
    {
        var conversation = stream.Aggregate!;
        if (sharedVideoId is { } video && await VideoVisibility.VisibleToAsync(session, video, sender, ct) is null)
            return CommandResult.Refuse(ErrorCodes.NotFound, "No such video.", "sharedVideoId");
        var facts = await MessagingFacts.LoadAsync(session, vault, sender, conversation.Members.Where(m => m != sender).ToArray(), now, ct);
        var since = now.AddMinutes(-1);
        var sentLastMinute = await session.Query<MessageRecord>().CountAsync(m => m.SenderId == sender && m.SentAt > since, ct);
        var body = MessageContent.Normalized(text);
        var decision = SendMessageDecider.Decide(sender, conversation, new OutgoingMessage(messageId, body is not null, sharedVideoId), facts,
            sentLastMinute, now);
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        stream.AppendMany(decision.Events);
        if (body is not null) await MessageTexts.SealAsync(session, vault, conversation.Id, messageId, body, ct);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(messageId);
    }
}
