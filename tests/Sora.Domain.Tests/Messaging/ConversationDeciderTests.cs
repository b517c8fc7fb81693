using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Messaging;
using Xunit;
using static Sora.Domain.Tests.Messaging.ConversationHistory;

namespace Sora.Domain.Tests.Messaging;

public sealed class ConversationDeciderTests
{
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();
    private static readonly Guid Cat = Guid.NewGuid();
    private static readonly Guid Conv = Guid.NewGuid();
    private static Actor As(Guid id) => new(id, new HashSet<AccountRole> { AccountRole.User });
    private static OutgoingMessage Text(Guid? id = null) => new(id ?? Guid.NewGuid(), true, null);

    private static ConversationStarted Started(Guid[] requestedOf, params Guid[] others) =>
        new(Conv, Ann, [Ann, .. others], others.Length > 1, requestedOf, Now);

    private static MessageSent Sent(Guid sender, params Guid[] to) => new(Conv, Guid.NewGuid(), sender, to, true, null, Now);

    [Fact]
    public void A_first_message_to_someone_who_does_not_follow_you_is_a_request()
    {
        var first = Text();
        var decision = StartConversationDecider.Decide(Ann, Conv, [Bob], first, Facts(Ann, (Bob, Between.Strangers)), 0, 0, Now);
        Assert.Equal([new ConversationStarted(Conv, Ann, [Ann, Bob], false, [Bob], Now)], decision.Events.Take(1).Cast<ConversationStarted>(),
            new StartedComparer());
        Assert.Equal(new MessageSent(Conv, first.MessageId, Ann, [Bob], true, null, Now), decision.Events[1] as MessageSent, new SentComparer());

        var followed = StartConversationDecider.Decide(Ann, Conv, [Bob], first, Facts(Ann, (Bob, Follower)), 0, 0, Now);
        Assert.Empty(((ConversationStarted)followed.Events[0]).RequestedOf);
    }

    [Fact]
    public void Until_accepted_the_starter_sends_only_the_one_message_and_a_decline_refuses_the_rest()
    {
        var pending = Given(Started([Bob], Bob), Sent(Ann, Bob));
        Assert.Equal(Conv, pending.Id);
        Assert.Equal([Ann], pending.Listed);
        Assert.Equal(MessagingErrors.RequestPending, SendMessageDecider.Decide(Ann, pending, Text(), Facts(Ann, (Bob, Between.Strangers)), 0, Now).Refusal?.Code);

        var declined = Given(Started([Bob], Bob), Sent(Ann, Bob), new MessageRequestDeclined(Conv, Bob, Now));
        Assert.Equal(MessagingErrors.RequestDeclined, SendMessageDecider.Decide(Ann, declined, Text(), Facts(Ann, (Bob, Between.Strangers)), 0, Now).Refusal?.Code);
        Assert.Empty(DeclineMessageRequestDecider.Decide(Bob, declined, Now).Events);

        var accepted = Given(Started([Bob], Bob), Sent(Ann, Bob), new MessageRequestAccepted(Conv, Bob, Now));
        Assert.Equal([Ann, Bob], accepted.Listed);
        Assert.IsType<MessageSent>(Assert.Single(SendMessageDecider.Decide(Ann, accepted, Text(), Facts(Ann, (Bob, Between.Strangers)), 0, Now).Events));
    }

    [Fact]
    public void Answering_a_request_accepts_it()
    {
        var pending = Given(Started([Bob], Bob), Sent(Ann, Bob));
        var events = SendMessageDecider.Decide(Bob, pending, Text(), Facts(Bob, (Ann, Between.Strangers)), 0, Now).Events;
        Assert.Equal(new MessageRequestAccepted(Conv, Bob, Now), events[0]);
        Assert.IsType<MessageSent>(events[1]);
    }

    [Fact]
    public void Only_an_open_request_is_declined_and_accepting_twice_is_free()
    {
        var open = Given(Started([], Bob));
        Assert.Equal(MessagingErrors.NoRequest, DeclineMessageRequestDecider.Decide(Bob, open, Now).Refusal?.Code);
        Assert.Empty(AcceptMessageRequestDecider.Decide(Bob, open, Now).Events);
    }

    [Fact]
    public void Strangers_to_a_conversation_get_not_found_for_every_verb()
    {
        var c = Given(Started([], Bob));
        var facts = Facts(Cat, (Ann, Follower), (Bob, Follower));
        Assert.Equal(ErrorCodes.NotFound, SendMessageDecider.Decide(Cat, c, Text(), facts, 0, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, AcceptMessageRequestDecider.Decide(Cat, c, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, DeclineMessageRequestDecider.Decide(Cat, c, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, LeaveConversationDecider.Decide(Cat, c, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, DeleteConversationDecider.Decide(Cat, c, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, MarkConversationReadDecider.Decide(Cat, c, null, Now).Refusal?.Code);
        // Deleted: nobody is in it any more.
        var deleted = Given(Started([], Bob), new ConversationDeleted(Conv, Ann, false, Now));
        Assert.Equal(ErrorCodes.NotFound, SendMessageDecider.Decide(Bob, deleted, Text(), Facts(Bob, (Ann, Follower)), 0, Now).Refusal?.Code);
        Assert.Empty(deleted.Listed);
    }

    [Fact]
    public void A_block_refuses_a_one_to_one_message_and_leaves_a_blocked_member_out_of_a_group()
    {
        var direct = Given(Started([], Bob));
        Assert.Equal(ErrorCodes.Forbidden,
            SendMessageDecider.Decide(Ann, direct, Text(), Facts(Ann, (Bob, new Between(false, false, false, true))), 0, Now).Refusal?.Code);

        var group = Given(Started([], Bob, Cat));
        var sent = (MessageSent)SendMessageDecider.Decide(Ann, group, Text(), Facts(Ann, (Bob, Follower), (Cat, new Between(false, true, true, false))), 0, Now)
            .Events.Single();
        Assert.Equal([Bob], sent.RecipientIds);
        Assert.Equal(ErrorCodes.Blocked, SendMessageDecider.Decide(Ann, group, Text(),
            Facts(Ann, (Bob, new Between(false, true, true, false)), (Cat, new Between(false, true, true, false))), 0, Now).Refusal?.Code);
    }

    [Fact]
    public void Groups_take_only_followers_of_the_starter_and_at_most_32_members()
    {
        Assert.Equal(MessagingErrors.NotFollowing,
            StartConversationDecider.Decide(Ann, Conv, [Bob, Cat], null, Facts(Ann, (Bob, Follower), (Cat, Between.Strangers)), 0, 0, Now).Refusal?.Code);
        var ok = StartConversationDecider.Decide(Ann, Conv, [Bob, Cat], null, Facts(Ann, (Bob, Follower), (Cat, Follower)), 0, 0, Now);
        Assert.True(((ConversationStarted)Assert.Single(ok.Events)).IsGroup);

        var members = Enumerable.Range(0, 32).Select(_ => Guid.NewGuid()).ToList();
        Assert.Equal("memberIds", StartConversationDecider.Validate(new StartConversation(As(Ann), members, "hi", null)).Refusal?.Field);
        Assert.Null(StartConversationDecider.Validate(new StartConversation(As(Ann), members.Take(31).ToList(), "hi", null)).Refusal);
        // One's own id is ignored, not counted; nobody else is no conversation.
        Assert.Null(StartConversationDecider.Validate(new StartConversation(As(Ann), [.. members.Take(31), Ann], null, null)).Refusal);
        Assert.Equal(ErrorCodes.BadUserInput, StartConversationDecider.Validate(new StartConversation(As(Ann), [Ann], null, null)).Refusal?.Code);
    }

    [Fact]
    public void Content_is_bounded_before_any_work()
    {
        Assert.Equal("text", MessageContent.Check(new string('x', MessagingLimits.MaxTextLength + 1), null, null)?.Field);
        Assert.Null(MessageContent.Check(new string('x', MessagingLimits.MaxTextLength), null, null));
        Assert.Equal("text", MessageContent.Check("   ", null, null)?.Field);
        Assert.Equal("text", MessageContent.Check("bell\u0007", null, null)?.Field);
        Assert.Null(MessageContent.Check(null, Guid.NewGuid(), null));
        Assert.Equal("clientRequestId", MessageContent.Check("hi", null, new string('r', 101))?.Field);
        Assert.Equal("text", StartConversationDecider.Validate(new StartConversation(As(Ann), [Bob], new string('x', 2001), null)).Refusal?.Field);
    }

    [Fact]
    public void Rate_limits_count_the_senders_minute_and_hour()
    {
        var c = Given(Started([], Bob));
        Assert.Equal(MessagingErrors.RateLimited,
            SendMessageDecider.Decide(Ann, c, Text(), Facts(Ann, (Bob, Follower)), MessagingLimits.MessagesPerMinute, Now).Refusal?.Code);
        Assert.Null(SendMessageDecider.Decide(Ann, c, Text(), Facts(Ann, (Bob, Follower)), MessagingLimits.MessagesPerMinute - 1, Now).Refusal);
        Assert.Equal(MessagingErrors.RateLimited, StartConversationDecider.Decide(Ann, Conv, [Bob], null, Facts(Ann, (Bob, Follower)),
            MessagingLimits.ConversationsPerHour, 0, Now).Refusal?.Code);
    }

    [Fact]
    public void A_read_mark_only_moves_forward_and_only_to_a_message_the_reader_received()
    {
        var c = Given(Started([], Bob));
        MessageRecord Record(long seq, params Guid[] to) => new() { Id = Guid.NewGuid(), ConversationId = Conv, SenderId = Ann, RecipientIds = to, Seq = seq };
        var second = Record(20, Bob);
        var read = Given(Started([], Bob), new ConversationRead(Conv, Bob, second.Id, 20, Now));
        Assert.Equal(20, read.MarkOf(Bob)?.Seq);
        Assert.Empty(MarkConversationReadDecider.Decide(Bob, read, Record(10, Bob), Now).Events);
        Assert.Single(MarkConversationReadDecider.Decide(Bob, read, Record(30, Bob), Now).Events);
        Assert.Equal("messageId", MarkConversationReadDecider.Decide(Bob, c, Record(30), Now).Refusal?.Field);
        Assert.Equal("messageId", MarkConversationReadDecider.Decide(Bob, c, null, Now).Refusal?.Field);
    }

    [Fact]
    public void Groups_are_left_the_last_one_out_deletes_and_only_the_starter_deletes()
    {
        var group = Given(Started([], Bob, Cat));
        Assert.Equal(MessagingErrors.NotAGroup, LeaveConversationDecider.Decide(Bob, Given(Started([], Bob)), Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Forbidden, DeleteConversationDecider.Decide(Bob, group, Now).Refusal?.Code);
        Assert.IsType<ConversationDeleted>(Assert.Single(DeleteConversationDecider.Decide(Ann, group, Now).Events));
        var alone = Given(Started([], Bob, Cat), new ConversationMemberLeft(Conv, Ann, false, Now), new ConversationMemberLeft(Conv, Bob, false, Now));
        Assert.Equal([Cat], alone.Members);
        var last = LeaveConversationDecider.Decide(Cat, alone, Now).Events;
        Assert.IsType<ConversationMemberLeft>(last[0]);
        Assert.IsType<ConversationDeleted>(last[1]);
    }

    [Fact]
    public void Deleting_an_account_deletes_its_one_to_one_conversations_and_leaves_its_groups()
    {
        Assert.Equal(new ConversationDeleted(Conv, Bob, true, Now), ShredAccountDecider.Decide(Bob, Given(Started([], Bob)), Now).Events.Single());
        Assert.Equal(new ConversationMemberLeft(Conv, Bob, true, Now), ShredAccountDecider.Decide(Bob, Given(Started([], Bob, Cat)), Now).Events.Single());
        Assert.Empty(ShredAccountDecider.Decide(Cat, Given(Started([], Bob)), Now).Events);
    }

    [Fact]
    public void The_conversation_moves_to_the_top_by_its_last_message()
    {
        var c = Given(Started([], Bob), Sent(Ann, Bob), Sent(Bob, Ann));
        Assert.Equal(103, c.LastSeq);
    }

    private sealed class StartedComparer : IEqualityComparer<ConversationStarted>
    {
        public bool Equals(ConversationStarted? x, ConversationStarted? y) =>
            x!.ConversationId == y!.ConversationId && x.StartedBy == y.StartedBy && x.Members.SequenceEqual(y.Members) && x.IsGroup == y.IsGroup
            && x.RequestedOf.SequenceEqual(y.RequestedOf) && x.At == y.At;

        public int GetHashCode(ConversationStarted obj) => obj.ConversationId.GetHashCode();
    }

    private sealed class SentComparer : IEqualityComparer<MessageSent?>
    {
        public bool Equals(MessageSent? x, MessageSent? y) =>
            x!.ConversationId == y!.ConversationId && x.MessageId == y.MessageId && x.SenderId == y.SenderId && x.RecipientIds.SequenceEqual(y.RecipientIds)
            && x.HasText == y.HasText && x.SharedVideoId == y.SharedVideoId && x.At == y.At;

        public int GetHashCode(MessageSent? obj) => obj!.MessageId.GetHashCode();
    }
}
