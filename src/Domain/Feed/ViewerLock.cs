using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Feed;

/// <summary>
/// Serializes the transactions that fold into one viewer's profile. <see cref="ViewerProfileProjection"/> reads the
/// profile, folds the transaction's signals and writes it back, so two transactions doing that at once for one viewer
/// would lose one fold: a view's "seen", a like's taste, or a page's count towards the daily scroll cap (a cap that
/// two open tabs could otherwise overrun). They would also race for the version of the viewer's activity stream.
/// Every writer of those events therefore opens its transaction with this lock, before anything reads the profile.
/// It is a PostgreSQL transaction-level advisory lock: it holds across API nodes and ends with the commit or rollback.
/// </summary>
public static class ViewerLock
{
    /// <summary>Begins the session's transaction and takes the lock of every viewer named.</summary>
    public static async Task AcquireAsync(IDocumentSession session, IEnumerable<Guid> viewers, CancellationToken ct)
    {
        // Ascending order in every caller, so two batches that share viewers can never wait on each other in a cycle.
        // unnest yields the array in order, and the function scan locks row by row in that order.
        var keys = viewers.Select(AdvisoryLock.KeyOf).Distinct().Order().ToArray();
        await session.BeginTransactionAsync(ct);
        if (keys.Length == 0) return;
        await session.QueryAsync<int>("select count(*)::int from (select pg_advisory_xact_lock(?, k) from unnest(?::int[]) k) locked",
            ct, AdvisoryLock.Viewer, keys);
    }

    public static Task AcquireAsync(IDocumentSession session, Guid viewer, CancellationToken ct) => AcquireAsync(session, [viewer], ct);
}
