using System.Collections.Concurrent;
using Marten;
using Sora.Domain.Feed;

namespace Sora.Projections.Feed;

/// <summary>What ranking needs of a video: facts fixed when it was published, so a cached copy is never stale.</summary>
public sealed record CandidateVideo(Guid Id, Guid AuthorId, DateTimeOffset PublishedAt, float[] Vector);

/// <summary>
/// The candidate facts of recently ranked videos, kept in memory. A page gathers some 700 candidates, and reading them
/// as documents made PostgreSQL ship and the host parse ~700 JSON bodies per page, most of them the same few thousand
/// new, trending and on-topic videos for every viewer. Now the candidate queries return ids alone (visibility, seen,
/// hidden and blocked still decided by the query itself, at page time), and the facts come from here; misses are one
/// load. Nothing here can make a withdrawn video appear: only ids the visibility query returned are looked up.
/// </summary>
public sealed class CandidateFacts
{
    /// <summary>Entries kept (a few hundred bytes each). Past it the cache starts again: cheap, and bounded.</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<Guid, CandidateVideo> _facts = new();

    public int Count => _facts.Count;

    /// <summary>The facts of <paramref name="ids"/>, in the same order; ids whose video is gone by now are left out.</summary>
    public async Task<IReadOnlyList<CandidateVideo>> ForAsync(IQuerySession session, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var known = new Dictionary<Guid, CandidateVideo>(ids.Count);
        var missing = new List<Guid>();
        foreach (var id in ids)
            if (_facts.TryGetValue(id, out var facts)) known[id] = facts;
            else missing.Add(id);
        if (missing.Count > 0)
        {
            if (_facts.Count + missing.Count > Capacity) _facts.Clear();
            foreach (var video in await session.LoadManyAsync<FeedVideo>(ct, missing.Distinct()))
                _facts[video.Id] = known[video.Id] = new CandidateVideo(video.Id, video.AuthorId, video.PublishedAt, video.Vector);
        }
        return ids.Where(known.ContainsKey).Select(id => known[id]).ToList();
    }
}
