using Sora.Domain.Notifications;
using System.Collections.Concurrent;
using Sora.Projections.Notifications;

namespace Sora.GraphQL.Notifications;

/// <summary>
/// In-process fan-out of notifications to this node's subscribers, keyed by recipient. Fed by
/// <see cref="PgNotificationListener"/>, which hears every node's commits.
/// </summary>
public sealed class NotificationHub
{
    private readonly ConcurrentDictionary<Guid, ImmutableObservers> _byRecipient = new();

    public IObservable<UserNotification> For(Guid recipient) => new RecipientStream(this, recipient);

    public void Publish(UserNotification notification)
    {
        if (!_byRecipient.TryGetValue(notification.RecipientId, out var observers)) return;
        foreach (var observer in observers.Items) observer.OnNext(notification);
    }

    public int SubscriberCount => _byRecipient.Values.Sum(o => o.Items.Length);

    /// <summary>
    /// Completes once the recipient has a live subscriber on this node. A subscribe message is processed
    /// asynchronously, so callers that must not miss the first notification (tests, diagnostics) wait here.
    /// </summary>
    public Task WaitForSubscriberAsync(Guid recipient, CancellationToken ct)
    {
        var waiter = _waiters.GetOrAdd(recipient, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_byRecipient.ContainsKey(recipient)) waiter.TrySetResult();
        return waiter.Task.WaitAsync(ct);
    }

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiters = new();

    private void Add(Guid recipient, IObserver<UserNotification> observer)
    {
        _byRecipient.AddOrUpdate(recipient, _ => new ImmutableObservers([observer]), (_, o) => new ImmutableObservers([.. o.Items, observer]));
        if (_waiters.TryRemove(recipient, out var waiter)) waiter.TrySetResult();
    }

    private void Remove(Guid recipient, IObserver<UserNotification> observer)
    {
        while (_byRecipient.TryGetValue(recipient, out var current))
        {
            var rest = current.Items.Where(o => !ReferenceEquals(o, observer)).ToArray();
            var done = rest.Length == 0
                ? _byRecipient.TryRemove(new KeyValuePair<Guid, ImmutableObservers>(recipient, current))
                : _byRecipient.TryUpdate(recipient, new ImmutableObservers(rest), current);
            if (done) return;
        }
    }

    // A copy-on-write array: publishing iterates a snapshot without locks.
    private sealed record ImmutableObservers(IObserver<UserNotification>[] Items);

    private sealed class RecipientStream(NotificationHub hub, Guid recipient) : IObservable<UserNotification>
    {
        public IDisposable Subscribe(IObserver<UserNotification> observer)
        {
            hub.Add(recipient, observer);
            return new Unsubscriber(() => hub.Remove(recipient, observer));
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}

public static class ObservableFilter
{
    /// <summary>Passes on only the items that match (System.Reactive is not a dependency we need for this).</summary>
    public static IObservable<T> Where<T>(this IObservable<T> source, Func<T, bool> keep) => new Filtered<T>(source, keep);

    /// <summary>
    /// Emits <paramref name="first"/> and then the source. The source is subscribed before the first item is
    /// emitted, so nothing published in between is lost (a duplicate state is harmless; a gap is not).
    /// </summary>
    public static IObservable<T> StartWith<T>(this IObservable<T> source, T first) => new Prefixed<T>(source, first);

    private sealed class Prefixed<T>(IObservable<T> source, T first) : IObservable<T>
    {
        public IDisposable Subscribe(IObserver<T> observer)
        {
            var gate = new object();
            var started = false;
            var buffered = new List<T>();
            var subscription = source.Subscribe(new Relay(value =>
            {
                lock (gate)
                {
                    if (!started)
                    {
                        buffered.Add(value);
                        return;
                    }
                }
                observer.OnNext(value);
            }, observer));
            observer.OnNext(first);
            lock (gate)
            {
                foreach (var value in buffered) observer.OnNext(value);
                started = true;
            }
            return subscription;
        }

        private sealed class Relay(Action<T> next, IObserver<T> inner) : IObserver<T>
        {
            public void OnNext(T value) => next(value);
            public void OnError(Exception error) => inner.OnError(error);
            public void OnCompleted() => inner.OnCompleted();
        }
    }

    private sealed class Filtered<T>(IObservable<T> source, Func<T, bool> keep) : IObservable<T>
    {
        public IDisposable Subscribe(IObserver<T> observer) => source.Subscribe(new Observer(observer, keep));

        private sealed class Observer(IObserver<T> inner, Func<T, bool> keep) : IObserver<T>
        {
            public void OnNext(T value)
            {
                if (keep(value)) inner.OnNext(value);
            }

            public void OnError(Exception error) => inner.OnError(error);
            public void OnCompleted() => inner.OnCompleted();
        }
    }
}
