using Marten;

namespace Sora.Domain.Feed;

/// <summary>
/// Every deletion of <see cref="FeedVideo"/> rows, the one public-visibility read model, goes through here: the
/// statement that deletes them also announces each deleted id with <c>pg_notify</c> on <see cref="Channel"/>.
/// PostgreSQL delivers a NOTIFY only when its transaction commits, so API nodes hear exactly the videos that left
/// public view (a revoke's every video, a takedown's remixes) and a rolled-back command announces nothing. The
/// videoRemoved subscription carries them to open feeds. Inline statements, not a projection of their own, so a
/// rebuild (which truncates) replays no announcement; and not a trigger, so the rule stays in the code.
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
        var removed = $"removed as (delete from {Table(ops)} where {where} returning id)";
        var with = string.IsNullOrEmpty(ctes) ? $"with {removed}" : $"{ctes}, {removed}";
        // The statement must answer no result set: Marten reads the results of a batch in order, and a queued
        // command's rows would be read as the next operation's. So the main statement is a DELETE that matches
        // nothing (pg_notify answers void, whose text is '', never null) and calls pg_notify once per removed id
        // while deciding so. The deleted rows are still in its snapshot, so each of them is looked at; a repeat
        // of the same payload in one transaction is delivered once.
        return $"{with} delete from {Table(ops)} where id in (select id from removed where pg_notify('{Channel}', id::text)::text is null)";
    }

    /// <summary>One video leaves public view.</summary>
    public static void Delete(IDocumentOperations ops, Guid videoId) =>
        ops.QueueSqlCommand(DeleteAndAnnounce(ops, "", "id = ?"), videoId);
}
