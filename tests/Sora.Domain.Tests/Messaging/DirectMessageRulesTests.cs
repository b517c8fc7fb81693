using Sora.Domain.Common;
using Sora.Domain.Messaging;
using Sora.Domain.Parental;
using Xunit;

namespace Sora.Domain.Tests.Messaging;

public sealed class DirectMessageRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    private static MessagingParty Adult(Guid id) => MessagingParty.Adult(id);
    private static MessagingParty Teen(Guid id, DirectMessagePolicy? policy = null, QuietHours? quiet = null) =>
        new(id, true, policy is null && quiet is null ? null : new ParentalControls(DirectMessages: policy, QuietHours: quiet));

    private static Between Of(bool senderFollows = false, bool recipientFollows = false, bool senderBlocks = false, bool recipientBlocks = false) =>
        new(senderFollows, recipientFollows, senderBlocks, recipientBlocks);

    [Fact]
    public void Adults_message_anyone_who_does_not_block_them() =>
        Assert.Null(DirectMessageRules.Check(Adult(A), Adult(B), Of(), Noon));

    [Fact]
    public void Blocks_stop_messages_both_ways()
    {
        Assert.Equal(ErrorCodes.Forbidden, DirectMessageRules.Check(Adult(A), Adult(B), Of(recipientBlocks: true, recipientFollows: true), Noon)?.Code);
        Assert.Equal(ErrorCodes.Blocked, DirectMessageRules.Check(Adult(A), Adult(B), Of(senderBlocks: true), Noon)?.Code);
        // A block wins over everything a teen's parent allows.
        Assert.Equal(ErrorCodes.Forbidden,
            DirectMessageRules.Check(Adult(A), Teen(B, DirectMessagePolicy.Following), Of(recipientFollows: true, recipientBlocks: true), Noon)?.Code);
    }

    [Fact]
    public void By_default_a_teen_hears_only_from_adults_it_follows_and_from_other_teens()
    {
        Assert.Equal(MessagingErrors.NotAcceptingMessages, DirectMessageRules.Check(Adult(A), Teen(B), Of(senderFollows: true), Noon)?.Code);
        Assert.Null(DirectMessageRules.Check(Adult(A), Teen(B), Of(recipientFollows: true), Noon));
        Assert.Null(DirectMessageRules.Check(Teen(A), Teen(B), Of(), Noon));
        // A teen writes to adults by default (the adult's answer then needs the teen's follow).
        Assert.Null(DirectMessageRules.Check(Teen(A), Adult(B), Of(), Noon));
    }

    [Theory]
    [InlineData(DirectMessagePolicy.Nobody, true, true, false)]
    [InlineData(DirectMessagePolicy.Mutuals, true, true, true)]
    [InlineData(DirectMessagePolicy.Mutuals, true, false, false)]
    [InlineData(DirectMessagePolicy.Mutuals, false, true, false)]
    [InlineData(DirectMessagePolicy.Following, true, false, true)]
    [InlineData(DirectMessagePolicy.Following, false, true, false)]
    public void A_parents_policy_governs_messages_to_the_teen(DirectMessagePolicy policy, bool teenFollows, bool followsTeen, bool admitted)
    {
        // To the teen B, from A (a teen too, so the default would admit it): only the policy decides.
        var refusal = DirectMessageRules.Check(Teen(A), Teen(B, policy), Of(senderFollows: followsTeen, recipientFollows: teenFollows), Noon);
        Assert.Equal(admitted ? null : MessagingErrors.NotAcceptingMessages, refusal?.Code);
    }

    [Theory]
    [InlineData(DirectMessagePolicy.Nobody, true, true, false)]
    [InlineData(DirectMessagePolicy.Mutuals, true, true, true)]
    [InlineData(DirectMessagePolicy.Mutuals, true, false, false)]
    [InlineData(DirectMessagePolicy.Following, true, false, true)]
    [InlineData(DirectMessagePolicy.Following, false, true, false)]
    public void A_parents_policy_governs_messages_from_the_teen(DirectMessagePolicy policy, bool teenFollows, bool followsTeen, bool admitted)
    {
        var refusal = DirectMessageRules.Check(Teen(A, policy), Adult(B), Of(senderFollows: teenFollows, recipientFollows: followsTeen), Noon);
        Assert.Equal(admitted ? null : MessagingErrors.ParentalPolicy, refusal?.Code);
    }

    [Fact]
    public void In_quiet_hours_a_teen_cannot_send_but_still_receives()
    {
        var night = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), "UTC");
        var late = new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(MessagingErrors.QuietHours, DirectMessageRules.Check(Teen(A, quiet: night), Adult(B), Of(), late)?.Code);
        Assert.Null(DirectMessageRules.Check(Teen(A, quiet: night), Adult(B), Of(), Noon));
        Assert.Null(DirectMessageRules.Check(Adult(B), Teen(A, quiet: night), Of(recipientFollows: true), late));
    }

    [Fact]
    public void Controls_count_only_while_the_account_is_a_teen()
    {
        var grownUp = new MessagingParty(B, false, new ParentalControls(DirectMessages: DirectMessagePolicy.Nobody));
        Assert.Null(DirectMessageRules.Check(Adult(A), grownUp, Of(), Noon));
    }
}
