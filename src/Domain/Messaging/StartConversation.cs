using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.Domain.Privacy;

namespace Sora.Domain.Messaging;

/// <summary>
/// Starts a conversation with one account (one-to-one) or several (a group, at most 32 with the starter), optionally with
/// a first message. One-to-one, the pair has one live conversation: starting again answers it (and sends the message
/// into it). <paramref name="ClientRequestId"/>: a retry starts nothing new.
/// </summary>
public sealed record StartConversation(Actor By, IReadOnlyList<Guid> MemberIds, string? Text, Guid? SharedVideoId, string? ClientRequestId = null);

/// <summary>
/// Pure. Checks the input before any work (<see cref="Validate"/>); then refuses (first match): the starter's hour is full;
/// any member the rules refuse (<see cref="DirectMessageRules"/>); in a group, any member who does not follow the
/// starter. One-to-one to someone who does not follow the starter, it is a message request.
/// </summary>
public static class StartConversationDecider
{
    /// <summary>The other members (the starter's own id ignored), or why the input cannot be one.</summary>
    public static (Guid[] Others, Refusal? Refusal) Validate(StartConversation command)
    {
        if (command.MemberIds.Count > MessagingLimits.MaxGroupMembers * 2)
            return ([], new Refusal(ErrorCodes.BadUserInput, $"A group has at most {MessagingLimits.MaxGroupMembers} members.", "memberIds"));
        var others = command.MemberIds.Where(m => m != command.By.AccountId).Distinct().ToArray();
        if (others.Length == 0) return ([], new Refusal(ErrorCodes.BadUserInput, "Name at least one other account.", "memberIds"));
        if (others.Length + 1 > MessagingLimits.MaxGroupMembers)
            return ([], new Refusal(ErrorCodes.BadUserInput, $"A group has at most {MessagingLimits.MaxGroupMembers} members, you included.", "memberIds"));
        // A first message is optional; when there is one, it passes what sendMessage checks.
        var bad = command.Text is not null || command.SharedVideoId is not null
            ? MessageContent.Check(command.Text, command.SharedVideoId, command.ClientRequestId)
            : MessageContent.CheckClientRequestId(command.ClientRequestId);
        if (bad is not null) return ([], bad);
        return (others, null);
    }

    public static Decision<object> Decide(Guid starter, Guid conversationId, Guid[] others, OutgoingMessage? first, MessagingFacts facts,
        int startedLastHour, int sentLastMinute, DateTimeOffset now)
    {
        if (startedLastHour >= MessagingLimits.ConversationsPerHour)
            return Decision<object>.Refuse(MessagingErrors.RateLimited, $"At most {MessagingLimits.ConversationsPerHour} new conversations an hour; try again later.");
        if (first is not null && sentLastMinute >= MessagingLimits.MessagesPerMinute)
            return Decision<object>.Refuse(MessagingErrors.RateLimited, $"At most {MessagingLimits.MessagesPerMinute} messages a minute; try again shortly.");
        var group = others.Length > 1;
        foreach (var other in others)
        {
            var facts1 = facts.Recipients[other];
            if (DirectMessageRules.Check(facts.Sender, facts1.Party, facts1.Between, now) is { } refused)
                return new Decision<object>([], refused with { Field = refused.Field ?? "memberIds" });
            if (group && !facts1.Between.RecipientFollowsSender)
                return Decision<object>.Refuse(MessagingErrors.NotFollowing, "Only accounts that follow you can be added to a group.", "memberIds");
        }
        var requestedOf = !group && !facts.Recipients[others[0]].Between.RecipientFollowsSender ? others : [];
        var events = new List<object> { new ConversationStarted(conversationId, starter, [starter, .. others], group, requestedOf, now) };
        if (first is not null) events.Add(new MessageSent(conversationId, first.MessageId, starter, others, first.HasText, first.SharedVideoId, now));
        return Decision<object>.Accept([.. events]);
    }
}

public static class StartConversationHandler
{
    public static async Task<CommandResult> Handle(StartConversation command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        var (others, invalid) = StartConversationDecider.Validate(command);
        if (invalid is not null) return CommandResult.No(invalid);
        var starter = command.By.AccountId;
        var now = clock.GetUtcNow();
        var group = others.Length > 1;
        // The starter's lock first, then the pair's: the hourly limit is exact, and two people starting with each other at
        // once meet on one conversation.
        if (group) await AdvisoryLock.AcquireAsync(session, AdvisoryLock.MessageSender, starter, ct);
        else
            await AdvisoryLock.AcquireAllAsync(session, ct, (AdvisoryLock.MessageSender, starter),
                (AdvisoryLock.DirectPair, Conversation.PairIdFor(starter, others[0])));

        var conversationId = command.ClientRequestId is null ? Guid.CreateVersion7() : DeterministicGuid.From("conversation|" + command.ClientRequestId, starter);
        var messageId = MessageContent.IdFor(starter, command.ClientRequestId);
        if (command.ClientRequestId is not null && await session.LoadAsync<Conversation>(conversationId, ct) is { } retried)
            return retried.IsMember(starter) ? CommandResult.Ok(retried.Id) : CommandResult.Refuse(ErrorCodes.NotFound, "No such conversation.");

        if ((await session.LoadManyAsync<Account>(ct, others)).Count != others.Length)
            return CommandResult.Refuse(ErrorCodes.NotFound, "No such account.", "memberIds");

        var hasContent = command.Text is not null || command.SharedVideoId is not null;
        if (!group && await session.LoadAsync<DirectPair>(Conversation.PairIdFor(starter, others[0]), ct) is { } pair)
        {
            if (!hasContent) return CommandResult.Ok(pair.ConversationId);
            var existing = await session.Events.FetchForWriting<Conversation>(pair.ConversationId, ct);
            var delivered = await SendMessageHandler.DeliverAsync(session, vault, existing, starter, messageId, command.Text, command.SharedVideoId, now, ct);
            return delivered.Refusal is null ? CommandResult.Ok(pair.ConversationId) : delivered;
        }

        if (command.SharedVideoId is { } video && await VideoVisibility.VisibleToAsync(session, video, starter, ct) is null)
            return CommandResult.Refuse(ErrorCodes.NotFound, "No such video.", "sharedVideoId");
        var facts = await MessagingFacts.LoadAsync(session, vault, starter, others, now, ct);
        var hourAgo = now.AddHours(-1);
        var startedLastHour = await session.Query<Conversation>().CountAsync(c => c.StartedBy == starter && c.StartedAt > hourAgo, ct);
        var minuteAgo = now.AddMinutes(-1);
        var sentLastMinute = hasContent ? await session.Query<MessageRecord>().CountAsync(m => m.SenderId == starter && m.SentAt > minuteAgo, ct) : 0;
        var body = MessageContent.Normalized(command.Text);
        var first = hasContent ? new OutgoingMessage(messageId, body is not null, command.SharedVideoId) : null;
        var decision = StartConversationDecider.Decide(starter, conversationId, others, first, facts, startedLastHour, sentLastMinute, now);
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);

        session.Events.StartStream<Conversation>(conversationId, decision.Events.ToArray());
        if (body is not null) await MessageTexts.SealAsync(session, vault, conversationId, messageId, body, ct);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(conversationId);
    }
}
