using Marten;
using Weasel.Postgresql.Tables;

namespace Sora.Projections.Feed;

/// <summary>
/// Each viewer's seen set: the videos they watched, newest <see cref="Keep"/> per viewer, as rows of one narrow table
/// rather than a list inside <see cref="ViewerProfile"/>. Written inline by <see cref="ViewerProfileProjection"/>
/// (one statement per transaction), read by the feed as an anti-join.
/// A list in the profile made heavy viewers' profiles some 120 KB that every page and every view batch read and
/// rewrote, and every candidate query carried the whole list as a parameter; here a page costs one index probe per
/// candidate row whatever the history, and the profile stays a few KB.
/// </summary>
public static class SeenVideos
{
    /// <summary>Watched videos kept per viewer; older ones may be shown again.</summary>
    public const int Keep = 3000;

    /// <summary>A viewer's rows are trimmed back to <see cref="Keep"/> once this many more may have been added: one
    /// trim per few hundred views rather than one per batch.</summary>
    public const int TrimSlack = 500;

    // The mt_ prefix puts the table under Marten's data reset (DeleteAllDocuments truncates every mt_ table in the
    // schema), like every other read model.
    public const string TableName = "mt_feed_seen";

    public static Table Table(string schema)
    {
        var table = new Table($"{schema}.{TableName}");
        table.AddColumn<Guid>("viewer_id").NotNull().AsPrimaryKey();
        table.AddColumn<Guid>("video_id").NotNull().AsPrimaryKey();
        table.AddColumn("seen_at", "timestamp with time zone").NotNull();
        return table;
    }

    public static string QualifiedName(IDocumentStore store) => $"{store.Options.DatabaseSchemaName}.{TableName}";

    /// <summary>Rows to add in one statement (a re-watched video moves to the front). Arrays are one per column.</summary>
    public static void QueueUpsert(IDocumentOperations operations, Guid[] viewers, Guid[] videos, DateTimeOffset[] at) =>
        operations.QueueSqlCommand(
            $"insert into {QualifiedName(operations.DocumentStore)} (viewer_id, video_id, seen_at) select * from unnest(?::uuid[], ?::uuid[], ?::timestamptz[]) " +
            "on conflict (viewer_id, video_id) do update set seen_at = greatest(excluded.seen_at, mt_feed_seen.seen_at)",
            viewers, videos, at.Select(a => a.ToUniversalTime()).ToArray());

    public static void QueueTrim(IDocumentOperations operations, Guid viewer)
    {
        var table = QualifiedName(operations.DocumentStore);
        operations.QueueSqlCommand(
            $"delete from {table} where viewer_id = ? and video_id in (select video_id from {table} where viewer_id = ? order by seen_at desc, video_id offset {Keep})",
            viewer, viewer);
    }

    /// <summary>A SQL condition on the feed video alias <c>d</c>: not watched by the viewer given as its parameter.</summary>
    public static string NotSeenBy(IDocumentStore store) =>
        $"not exists (select 1 from {QualifiedName(store)} s where s.viewer_id = ? and s.video_id = d.id)";

    /// <summary>The viewer's seen set, newest first.</summary>
    public static async Task<IReadOnlyList<Guid>> ListAsync(IQuerySession session, Guid viewer, CancellationToken ct = default) =>
        await session.QueryAsync<Guid>($"select video_id from {QualifiedName(session.DocumentStore)} where viewer_id = ? order by seen_at desc, video_id",
            ct, viewer);
}
