using Marten;

namespace Sora.Projections.Social;

/// <summary>Which list of accounts around one account to read.</summary>
public enum SocialList
{
    Followers,
    Following,
    Mutuals,
    Blocked,
}

/// <summary>One row of a social list: the other account and the edge's cursor.</summary>
public sealed record SocialEdge(Guid AccountId, DateTimeOffset Since, long Seq);

/// <summary>
/// Keyset-paged social lists, newest first, as single indexed SQL queries. Accounts that block the viewer are
/// left out in the same query, so a page never comes back short or leaks a blocker.
/// </summary>
public static class SocialQueries
{
    public static async Task<IReadOnlyList<SocialEdge>> PageAsync(
        IQuerySession session, SocialList list, Guid ofAccount, Guid? viewer, long? beforeSeq, int take, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var before = beforeSeq ?? long.MaxValue;
        var hideBlockersOf = viewer ?? Guid.Empty;
        if (list == SocialList.Blocked)
        {
            var blocks = await session.QueryAsync<BlockEdge>(
                "where d.blocker_id = ? and d.seq < ? order by d.seq desc limit ?",
                ct, ofAccount, before, take);
            return blocks.Select(b => new SocialEdge(b.BlockedId, b.Since, b.Seq)).ToList();
        }

        // "other" is the account listed: the follower for Followers and Mutuals, the followee for Following.
        var (match, other) = list == SocialList.Following ? ("follower_id", "followee_id") : ("followee_id", "follower_id");
        var mutual = list == SocialList.Mutuals
            ? $"and exists (select 1 from {schema}.mt_doc_followedge r where r.follower_id = ? and r.followee_id = d.follower_id)"
            : "";
        var sql = $"where d.{match} = ? {mutual} and d.seq < ? " +
                  $"and not exists (select 1 from {schema}.mt_doc_blockedge b where b.blocker_id = d.{other} and b.blocked_id = ?) " +
                  "order by d.seq desc limit ?";
        object[] args = list == SocialList.Mutuals
            ? [ofAccount, ofAccount, before, hideBlockersOf, take]
            : [ofAccount, before, hideBlockersOf, take];
        var edges = await session.QueryAsync<FollowEdge>(sql, ct, args);
        return edges.Select(e => new SocialEdge(list == SocialList.Following ? e.FolloweeId : e.FollowerId, e.Since, e.Seq)).ToList();
    }

    /// <summary>True when <paramref name="blocker"/> blocks <paramref name="blocked"/>.</summary>
    public static async Task<bool> BlocksAsync(IQuerySession session, Guid blocker, Guid blocked, CancellationToken ct) =>
        await session.LoadAsync<BlockEdge>(BlockEdge.IdFor(blocker, blocked), ct) is not null;

    /// <summary>True when either account blocks the other (two primary-key lookups, one round trip).</summary>
    public static async Task<bool> BlockedEitherWayAsync(IQuerySession session, Guid a, Guid b, CancellationToken ct) =>
        (await session.LoadManyAsync<BlockEdge>(ct, BlockEdge.IdFor(a, b), BlockEdge.IdFor(b, a))).Count > 0;
}
