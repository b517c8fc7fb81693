using System.Threading.Channels;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sora.Domain.Feed;

/// <summary>
/// Group commit for views, the heaviest signal. Each recordView waits for its batch: views that arrive while a batch
/// is being written form the next one (up to <see cref="MaxBatch"/>), and each batch is one transaction. So ingest
/// grows with load instead of paying a round trip per view, and a view is durable (and in the viewer's profile as
/// every reader folds it, see ViewerTail) when the mutation answers. Views go on per-viewer activity streams, never
/// on a shared per-video stream, so concurrent viewers of one hot video never contend for a stream version.
/// </summary>
public sealed class ViewIngest(IDocumentStore store, IViewsAppended appended, ILogger<ViewIngest> logger) : BackgroundService
{
    public const int MaxBatch = 500;

    /// <summary>Batches written at once. A batch's cost is nearly all PostgreSQL's (index inserts), on one backend
    /// and so one core: two writers keep a second core busy while the first batch commits. Batches that share a
    /// viewer still commit one after the other (the viewer's lock), so each stream's versions stay in commit order.</summary>
    public static readonly int Writers = Math.Clamp(Environment.ProcessorCount, 1, 2);

    private readonly Channel<(VideoViewed View, TaskCompletionSource Done)> _queue =
        Channel.CreateBounded<(VideoViewed, TaskCompletionSource)>(new BoundedChannelOptions(20_000));

    public async Task RecordAsync(VideoViewed view, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((view, done), ct);
        await done.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => WriteBatchesAsync(stoppingToken)));

    private async Task WriteBatchesAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(VideoViewed View, TaskCompletionSource Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                await WriteAsync(batch.Select(b => b.View).ToList(), stoppingToken);
                foreach (var item in batch) item.Done.TrySetResult();
            }
            catch (Exception e)
            {
                logger.LogError(e, "Writing a batch of {Count} views failed", batch.Count);
                foreach (var item in batch) item.Done.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// One transaction per batch, under the lock of every viewer in it (<see cref="ViewerLock"/>): no other writer can
    /// take an activity stream's next version in between, on this node or another, and a profile's tail is exactly
    /// the views after its folded version.
    /// The events go through Marten's own quick-append function (mt_quick_append_events: stream row, versions,
    /// sequence numbers and event rows, in the server), one call per viewer and all calls in one statement. The
    /// unit of work's rich append spent three statements per viewer and a row statement per event on the same
    /// rows, and was most of what a view cost once the profile fold left the write path (docs/feed.md).
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<VideoViewed> views, CancellationToken ct)
    {
        if (views.Count == 0) return;
        await using var session = store.LightweightSession();
        await ViewerLock.AcquireAsync(session, views.Select(v => v.ViewerId), ct);
        var versions = await AppendAsync(session, views, ct);
        await appended.ApplyAsync(session, views, versions, ct);
        await session.SaveChangesAsync(ct);
    }

    private async Task<Dictionary<Guid, long>> AppendAsync(IDocumentSession session, IReadOnlyList<VideoViewed> views, CancellationToken ct)
    {
        var byViewer = views.GroupBy(v => v.ViewerId).ToList();
        var ordered = byViewer.SelectMany(g => g.Select((v, k) => (View: v, Stream: ActivityStreams.For(g.Key), K: k + 1))).ToList();
        var serializer = store.Options.Serializer();
        var schema = store.Options.Events.DatabaseSchemaName;
        // The stream rows first (created at their final version, or moved on by the batch's count), then the event
        // rows numbered from each stream's previous version, sequence numbers drawn in (stream, version) order.
        await using var command = new NpgsqlCommand(
            $"with s as (select * from unnest($1::uuid[], $2::uuid[], $3::bigint[]) s(viewer, stream, n)), " +
            $"streams as (insert into {schema}.mt_streams as m (id, type, version, timestamp, tenant_id) " +
            "select stream, null, n, now(), '*DEFAULT*' from s order by stream " +
            "on conflict (id) do update set version = m.version + excluded.version, timestamp = now() returning m.id, m.version), " +
            $"events as (insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived) " +
            $"select nextval('{schema}.mt_events_sequence'), e.id, e.stream, e.version, e.body, '{FeedEventTypes.VideoViewedName}', '*DEFAULT*', now(), $4, false " +
            "from (select e.id, e.stream, st.version - s.n + e.k as version, e.body from unnest($5::uuid[], $6::uuid[], $7::bigint[], $8::jsonb[]) e(id, stream, k, body) " +
            "join streams st on st.id = e.stream join s on s.stream = e.stream order by e.stream, e.k) e) " +
            "select s.viewer, st.version from s join streams st on st.id = s.stream",
            session.Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = byViewer.Select(g => g.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = byViewer.Select(g => ActivityStreams.For(g.Key)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = byViewer.Select(g => (long)g.Count()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = DotnetTypeName });
        command.Parameters.Add(new NpgsqlParameter { Value = ordered.Select(_ => Guid.CreateVersion7()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = ordered.Select(o => o.Stream).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = ordered.Select(o => (long)o.K).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = ordered.Select(o => serializer.ToJson(o.View)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        var versions = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) versions[reader.GetGuid(0)] = reader.GetInt64(1);
        return versions;
    }

    /// <summary>The event's .NET type as Marten records it ("Namespace.Type, Assembly").</summary>
    private static readonly string DotnetTypeName = $"{typeof(VideoViewed).FullName}, {typeof(VideoViewed).Assembly.GetName().Name}";
}
