using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Daemon.Internals;

namespace Sora.Domain.Feed;

/// <summary>
/// Every deletion of <see cref="FeedVideo"/> rows, the one public-visibility read model, goes through here: the
/// statement that deletes them also announces each deleted id with <c>pg_notify</c> on <see cref="Channel"/>.
/// PostgreSQL delivers a NOTIFY only when its transaction commits, so API nodes hear exactly the videos that left
/// public view (a revoke's every video, a takedown's remixes) and a rolled-back command announces nothing. The
/// videoRemoved subscription carries them to open feeds. Not a trigger, so the rule stays in the code.
/// </summary>
public static class FeedRemovals
{
    public const string Channel = "sora_video_removals";

    public static string Table(IDocumentOperations ops) => $"{ops.DocumentStore.Options.DatabaseSchemaName}.mt_doc_feedvideo";

    /// <summary>
    /// The last part of a statement whose earlier common table expressions are <paramref name="ctes"/> (empty, or
    /// "with [recursive] a as (...), b as (...)"): deletes the rows matching <paramref name="where"/> and announces them.
    /// </summary>
    public static string DeleteAndAnnounce(IDocumentOperations ops, string ctes, string where)
    {
        // The statement must answer no result set: Marten reads a batch's results in order, and a queued command's
        // rows would be read as the next operation's. A data-modifying CTE always runs to completion, RETURNING
        // included, so each deleted row's pg_notify is called whatever the plan; the main statement does nothing.
        var returning = Replaying(ops) ? "id" : $"pg_notify('{Channel}', id::text)";
        var removed = $"removed as (delete from {Table(ops)} where {where} returning {returning})";
        var with = string.IsNullOrEmpty(ctes) ? $"with {removed}" : $"{ctes}, {removed}";
        return $"{with} delete from {Table(ops)} where false";
    }

    /// <summary>One video leaves public view.</summary>
    public static void Delete(IDocumentOperations ops, Guid videoId) =>
        ops.QueueSqlCommand(DeleteAndAnnounce(ops, "", "id = ?"), videoId);

    /// <summary>
    /// A rebuild replays old events through these (inline) projections on the daemon's session, whose work tracker is
    /// its update batch: the rows it deletes left public view long ago, and some of those videos are public again
    /// (reinstated, a restriction lifted), so announcing them would make open feeds drop live videos. Only a command
    /// committing now announces. Should Marten stop exposing the batch this way, the check answers false and a
    /// rebuild announces again (the test that rebuilds FeedVideoProjection would then fail).
    /// </summary>
    private static bool Replaying(IDocumentOperations ops) =>
        ops is IDocumentSession { PendingChanges: ProjectionUpdateBatch { Mode: ShardExecutionMode.Rebuild } };
}
