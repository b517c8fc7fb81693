using Sora.Domain.Common;
using Sora.Domain.Social;
using Xunit;

namespace Sora.Domain.Tests.Social;

public sealed class SocialDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    private static Relationship Given(params object[] events)
    {
        var state = Relationship.Empty(Relationship.IdFor(Alice, Bob));
        foreach (var e in events)
            state = e switch
            {
                Followed f => state.Apply(f),
                Unfollowed u => state.Apply(u),
                Blocked b => state.Apply(b),
                Unblocked u => state.Apply(u),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        return state;
    }

    [Fact]
    public void The_pair_stream_id_is_the_same_from_both_sides() =>
        Assert.Equal(Relationship.IdFor(Alice, Bob), Relationship.IdFor(Bob, Alice));

    [Fact]
    public void Following_is_recorded_once()
    {
        Assert.Equal([new Followed(Alice, Bob, Now)], SocialDecider.Decide(SocialAction.Follow, Alice, Bob, Given(), Now).Events);
        Assert.Empty(SocialDecider.Decide(SocialAction.Follow, Alice, Bob, Given(new Followed(Alice, Bob, Now)), Now).Events);
    }

    [Fact]
    public void A_blocked_account_cannot_follow_its_blocker_and_a_blocker_must_unblock_first()
    {
        var blocked = Given(new Blocked(Bob, Alice, Now));
        Assert.Equal(ErrorCodes.Forbidden, SocialDecider.Decide(SocialAction.Follow, Alice, Bob, blocked, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.Blocked, SocialDecider.Decide(SocialAction.Follow, Bob, Alice, blocked, Now).Refusal?.Code);
    }

    [Fact]
    public void Blocking_severs_follows_in_both_directions()
    {
        var mutual = Given(new Followed(Alice, Bob, Now), new Followed(Bob, Alice, Now));
        var decision = SocialDecider.Decide(SocialAction.Block, Alice, Bob, mutual, Now);
        Assert.Equal([new Blocked(Alice, Bob, Now), new Unfollowed(Alice, Bob, Now), new Unfollowed(Bob, Alice, Now)], decision.Events);
    }

    [Fact]
    public void Unblocking_lifts_only_ones_own_block_and_restores_no_follows()
    {
        var both = Given(new Blocked(Alice, Bob, Now), new Blocked(Bob, Alice, Now));
        var decision = SocialDecider.Decide(SocialAction.Unblock, Alice, Bob, both, Now);
        Assert.Equal([new Unblocked(Alice, Bob, Now)], decision.Events);
        var after = Given(new Blocked(Alice, Bob, Now), new Blocked(Bob, Alice, Now), new Unblocked(Alice, Bob, Now));
        Assert.True(after.Blocks(Bob));
        Assert.Empty(after.Followers);
    }

    [Theory]
    [InlineData(SocialAction.Follow)]
    [InlineData(SocialAction.Unfollow)]
    [InlineData(SocialAction.Block)]
    [InlineData(SocialAction.Unblock)]
    public void Nothing_can_target_oneself(SocialAction action) =>
        Assert.Equal(ErrorCodes.CannotTargetSelf, SocialDecider.Decide(action, Alice, Alice, Given(), Now).Refusal?.Code);

    [Fact]
    public void Unfollow_and_unblock_without_a_prior_state_are_no_ops()
    {
        Assert.Empty(SocialDecider.Decide(SocialAction.Unfollow, Alice, Bob, Given(), Now).Events);
        Assert.Empty(SocialDecider.Decide(SocialAction.Unblock, Alice, Bob, Given(), Now).Events);
        Assert.Null(SocialDecider.Decide(SocialAction.Unblock, Alice, Bob, Given(), Now).Refusal);
    }

    [Fact]
    public void Unfollowing_records_who_stops_following_whom_and_only_for_the_actor()
    {
        var both = Given(new Followed(Alice, Bob, Now), new Followed(Bob, Alice, Now));
        Assert.Equal([new Unfollowed(Alice, Bob, Now)], SocialDecider.Decide(SocialAction.Unfollow, Alice, Bob, both, Now).Events);
        Assert.Empty(SocialDecider.Decide(SocialAction.Unfollow, Alice, Bob, Given(new Followed(Bob, Alice, Now)), Now).Events);
    }

    [Fact]
    public void Following_back_is_a_new_follow_and_makes_the_pair_mutual()
    {
        var followed = Given(new Followed(Bob, Alice, Now));
        Assert.Equal([new Followed(Alice, Bob, Now)], SocialDecider.Decide(SocialAction.Follow, Alice, Bob, followed, Now).Events);
        var mutual = followed.Apply(new Followed(Alice, Bob, Now));
        Assert.True(mutual.Follows(Alice) && mutual.Follows(Bob));
    }

    [Fact]
    public void Blocking_twice_adds_nothing_and_a_block_without_follows_is_the_block_alone()
    {
        Assert.Empty(SocialDecider.Decide(SocialAction.Block, Alice, Bob, Given(new Blocked(Alice, Bob, Now)), Now).Events);
        Assert.Equal([new Blocked(Alice, Bob, Now)], SocialDecider.Decide(SocialAction.Block, Alice, Bob, Given(), Now).Events);
        // Blocking back someone who blocks you is still your own block.
        Assert.Equal([new Blocked(Alice, Bob, Now)], SocialDecider.Decide(SocialAction.Block, Alice, Bob, Given(new Blocked(Bob, Alice, Now)), Now).Events);
        Assert.Equal([new Unfollowed(Bob, Alice, Now)],
            SocialDecider.Decide(SocialAction.Block, Alice, Bob, Given(new Followed(Bob, Alice, Now)), Now).Events.Skip(1));
    }

    [Fact]
    public void Nobody_can_lift_someone_elses_block()
    {
        var blockedByBob = Given(new Blocked(Bob, Alice, Now));
        var decision = SocialDecider.Decide(SocialAction.Unblock, Alice, Bob, blockedByBob, Now);
        Assert.Null(decision.Refusal);
        Assert.Empty(decision.Events);
        var follow = SocialDecider.Decide(SocialAction.Follow, Bob, Alice, blockedByBob, Now);
        Assert.Equal((ErrorCodes.Blocked, "accountId"), (follow.Refusal?.Code, follow.Refusal?.Field));
    }
}
