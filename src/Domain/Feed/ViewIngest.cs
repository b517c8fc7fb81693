using System.Threading.Channels;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sora.Domain.Feed;

/// <summary>
/// Group commit for views, the heaviest signal. Each recordView waits for its batch: views that arrive while a batch
/// is being written form the next one (up to <see cref="MaxBatch"/>), and each batch is one transaction. So ingest
/// grows with load instead of paying a round trip per view, and a view is durable (and already in the viewer's
/// profile, which is inline) when the mutation answers. Views go on per-viewer activity streams, never on a shared
/// per-video stream, so concurrent viewers of one hot video never contend for a stream version.
/// </summary>
public sealed class ViewIngest(IDocumentStore store, ILogger<ViewIngest> logger) : BackgroundService
{
    public const int MaxBatch = 500;
    private readonly Channel<(VideoViewed View, TaskCompletionSource Done)> _queue =
        Channel.CreateBounded<(VideoViewed, TaskCompletionSource)>(new BoundedChannelOptions(20_000) { SingleReader = true });

    public async Task RecordAsync(VideoViewed view, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((view, done), ct);
        await done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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

    /// <summary>One transaction per batch, under the lock of every viewer in it (<see cref="ViewerLock"/>): the
    /// inline profile fold cannot lose a concurrent page or like, and no other writer can take an activity stream's
    /// next version in between, on this node or another.</summary>
    public async Task WriteAsync(IReadOnlyList<VideoViewed> views, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await ViewerLock.AcquireAsync(session, views.Select(v => v.ViewerId), ct);
        foreach (var group in views.GroupBy(v => v.ViewerId))
            session.Events.Append(ActivityStreams.For(group.Key), group.Cast<object>().ToArray());
        await session.SaveChangesAsync(ct);
    }
}
