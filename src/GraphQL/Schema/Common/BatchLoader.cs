using GraphQL.DataLoader;

namespace Sora.GraphQL.Schema.Common;

/// <summary>
/// A per-request DataLoader. Resolvers return <see cref="IDataLoaderResult{T}"/>; GraphQL.NET's execution
/// strategy collects every pending result of a level before awaiting any, so all keys requested by one level
/// (say, the authors of a page) are fetched in one query. Thread-safe: fields resolve in parallel.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
    where TValue : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TValue?> _cache = new();
    private HashSet<TKey> _pending = new();
    private Task? _inFlight;

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_cache.ContainsKey(key)) _pending.Add(key);
        }
        return new Pending(this, key);
    }

    /// <summary>Loads several keys in the same batch; missing ones are left out.</summary>
    public IDataLoaderResult<TValue[]> LoadMany(IEnumerable<TKey> keys)
    {
        var pending = keys.Select(Load).ToList();
        return new Many(pending);
    }

    private sealed class Many(List<IDataLoaderResult<TValue?>> parts) : IDataLoaderResult<TValue[]>
    {
        public async Task<TValue[]> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new List<TValue>();
            foreach (var part in parts)
                if (await part.GetResultAsync(cancellationToken) is { } value) values.Add(value);
            return values.ToArray();
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }

    /// <summary>Seeds values a resolver already has, so later loads of them cost nothing.</summary>
    public void Prime(TKey key, TValue value)
    {
        lock (_gate) _cache[key] = value;
    }

    private async Task<TValue?> ResolveAsync(TKey key, CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_cache.TryGetValue(key, out var hit)) return hit;
                if (_inFlight is null || _inFlight.IsCompleted)
                {
                    _pending.Add(key);
                    var keys = _pending;
                    _pending = new HashSet<TKey>();
                    _inFlight = FetchAsync(keys, ct);
                }
                wait = _inFlight;
            }
            await wait;
        }
    }

    private async Task FetchAsync(HashSet<TKey> keys, CancellationToken ct)
    {
        var found = await fetch(keys, ct);
        lock (_gate)
        {
            foreach (var key in keys) _cache[key] = found.GetValueOrDefault(key);
        }
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.ResolveAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}

/// <summary>Composition helpers for loader results (the GraphQL.DataLoader package is not in our feed).</summary>
public static class LoaderResults
{
    /// <summary>A result that is already known.</summary>
    public static IDataLoaderResult<T> Ready<T>(T value) => new Mapped<T, T>(null, _ => value, value);

    /// <summary>Maps a pending result without resolving it early, so batching is kept.</summary>
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> source, Func<TIn, TOut> map) =>
        new Mapped<TIn, TOut>(source, map, default);

    private sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn>? source, Func<TIn, TOut> map, TIn? ready) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(source is null ? ready! : await source.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}
