using System.Collections.Concurrent;

namespace Sora.GraphQL.Notifications;

/// <summary>
/// In-process fan-out of "this video left public view" to this node's videoRemoved subscribers, keyed by video id.
/// Fed by <see cref="PgNotificationListener"/> from <see cref="Sora.Domain.Feed.FeedRemovals.Channel"/>, so it
/// hears every node's commits. Copy-on-write per video, like <see cref="NotificationHub"/>: a publish reads a
/// snapshot without locks.
/// </summary>
public sealed class VideoRemovalHub
{
    private readonly ConcurrentDictionary<Guid, IObserver<Guid>[]> _byVideo = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiters = new();

    /// <summary>The ids among <paramref name="videos"/> as they leave public view; each id at most once per subscription.</summary>
    public IObservable<Guid> For(IReadOnlyCollection<Guid> videos) => new Stream(this, videos);

    /// <summary>
    /// As <see cref="For"/>, and first the ids <paramref name="gone"/> finds already out of public view. The live
    /// stream is joined before that read, so a removal committed in between is heard one way or the other (a
    /// client that fetched its page before subscribing loses nothing); each id is still sent once.
    /// </summary>
    public IObservable<Guid> CatchingUp(IReadOnlyCollection<Guid> videos, Func<CancellationToken, Task<IReadOnlyCollection<Guid>>> gone) =>
        new CatchUp(For(videos), gone);

    public void Publish(Guid video)
    {
        if (!_byVideo.TryGetValue(video, out var observers)) return;
        foreach (var observer in observers) observer.OnNext(video);
    }

    /// <summary>Completes once a subscriber holds <paramref name="video"/> on this node (subscribing is asynchronous; tests wait here).</summary>
    public Task WaitForSubscriberAsync(Guid video, CancellationToken ct)
    {
        var waiter = _waiters.GetOrAdd(video, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_byVideo.ContainsKey(video)) waiter.TrySetResult();
        return waiter.Task.WaitAsync(ct);
    }

    /// <summary>Whether any subscriber on this node holds <paramref name="video"/> (tests check a refused subscription holds nothing).</summary>
    public bool IsWatched(Guid video) => _byVideo.ContainsKey(video);

    private void Add(Guid video, IObserver<Guid> observer)
    {
        _byVideo.AddOrUpdate(video, _ => [observer], (_, o) => [.. o, observer]);
        if (_waiters.TryRemove(video, out var waiter)) waiter.TrySetResult();
    }

    private void Remove(Guid video, IObserver<Guid> observer)
    {
        while (_byVideo.TryGetValue(video, out var current))
        {
            var rest = current.Where(o => !ReferenceEquals(o, observer)).ToArray();
            var done = rest.Length == 0
                ? _byVideo.TryRemove(new KeyValuePair<Guid, IObserver<Guid>[]>(video, current))
                : _byVideo.TryUpdate(video, rest, current);
            if (done) return;
        }
    }

    private sealed class Stream(VideoRemovalHub hub, IReadOnlyCollection<Guid> videos) : IObservable<Guid>
    {
        public IDisposable Subscribe(IObserver<Guid> observer)
        {
            // A video is announced once per statement that removes it, but a later removal (withdrawn after a
            // takedown) would repeat it: each subscriber hears an id once.
            var once = new Once(observer);
            foreach (var video in videos) hub.Add(video, once);
            return new Unsubscriber(() => { foreach (var video in videos) hub.Remove(video, once); });
        }
    }

    private sealed class CatchUp(IObservable<Guid> live, Func<CancellationToken, Task<IReadOnlyCollection<Guid>>> gone) : IObservable<Guid>
    {
        public IDisposable Subscribe(IObserver<Guid> observer)
        {
            var once = new Once(observer);
            var subscription = live.Subscribe(once);
            var stop = new CancellationTokenSource();
            _ = Task.Run(async () =>
            {
                try
                {
                    foreach (var id in await gone(stop.Token)) once.OnNext(id);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    once.OnError(e);
                }
            });
            return new Unsubscriber(() => { stop.Cancel(); subscription.Dispose(); });
        }
    }

    private sealed class Once(IObserver<Guid> inner) : IObserver<Guid>
    {
        private readonly ConcurrentDictionary<Guid, bool> _sent = new();
        private readonly Lock _gate = new();

        // The live stream and the catch-up read call from different threads; the observer hears one at a time.
        public void OnNext(Guid value)
        {
            if (!_sent.TryAdd(value, true)) return;
            lock (_gate) inner.OnNext(value);
        }
        public void OnError(Exception error) => inner.OnError(error);
        public void OnCompleted() => inner.OnCompleted();
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;
        public void Dispose() { if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose(); }
    }
}
