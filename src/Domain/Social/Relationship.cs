using Sora.Domain.Common;

namespace Sora.Domain.Social;

/// <summary>
/// Everything between two accounts: who follows whom and who blocks whom. One stream per unordered pair,
/// addressed by <see cref="IdFor"/>, so that "follow" and a concurrent "block" by the other side meet on one
/// stream and optimistic concurrency orders them; the loser retries against the winner's state.
/// </summary>
public sealed record Relationship(Guid Id, Guid[] Followers, Guid[] Blockers)
{
    public static Guid IdFor(Guid a, Guid b) =>
        a.CompareTo(b) <= 0 ? DeterministicGuid.From("relationship", a, b) : DeterministicGuid.From("relationship", b, a);

    public static Relationship Empty(Guid id) => new(id, [], []);

    public static Relationship Create(Followed e) => Empty(IdFor(e.FollowerId, e.FolloweeId)).Apply(e);
    public static Relationship Create(Blocked e) => Empty(IdFor(e.BlockerId, e.BlockedId)).Apply(e);

    public Relationship Apply(Followed e) => this with { Followers = Followers.Append(e.FollowerId).Distinct().ToArray() };
    public Relationship Apply(Unfollowed e) => this with { Followers = Followers.Where(f => f != e.FollowerId).ToArray() };
    public Relationship Apply(Blocked e) => this with { Blockers = Blockers.Append(e.BlockerId).Distinct().ToArray() };
    public Relationship Apply(Unblocked e) => this with { Blockers = Blockers.Where(b => b != e.BlockerId).ToArray() };

    public bool Follows(Guid follower) => Followers.Contains(follower);
    public bool Blocks(Guid blocker) => Blockers.Contains(blocker);
}
