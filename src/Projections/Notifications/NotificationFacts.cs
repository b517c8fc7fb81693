using Marten;
using Sora.Domain.Feed;
using Sora.Domain.Generations;
using Sora.Domain.Moderation;
using Sora.Domain.Parental;
using Sora.Projections.Moderation;

namespace Sora.Projections.Notifications;

/// <summary>A video as the notification rules need it: whose it is and what it remixes.</summary>
public sealed record VideoFact(Guid Id, Guid AuthorId, Guid? RemixOf);

/// <summary>
/// What the rules look up for events that do not name everyone they concern (a like names no author, an outcome no
/// reporter), loaded for a whole transaction's events at once: one query per kind of fact, never one per event.
/// Read as the store stood before the transaction (inline snapshots of the same transaction are still pending).
/// </summary>
public sealed class NotificationFacts
{
    public static readonly NotificationFacts None = new();

    public IReadOnlyDictionary<Guid, VideoFact> Videos { get; init; } = new Dictionary<Guid, VideoFact>();
    public IReadOnlyDictionary<Guid, ModerationCase> Cases { get; init; } = new Dictionary<Guid, ModerationCase>();
    /// <summary>By teen: the parents linked before the transaction.</summary>
    public IReadOnlyDictionary<Guid, Guid[]> Parents { get; init; } = new Dictionary<Guid, Guid[]>();

    public Guid[] ParentsOf(Guid teen) => Parents.TryGetValue(teen, out var parents) ? parents : [];

    public static async Task<NotificationFacts> LoadAsync(IQuerySession session, IEnumerable<object> events, CancellationToken ct)
    {
        var videos = new HashSet<Guid>();
        var cases = new HashSet<Guid>();
        var teens = new HashSet<Guid>();
        foreach (var data in events)
        {
            switch (data)
            {
                case VideoLiked l: videos.Add(l.VideoId); break;
                case VideoPublished p: videos.Add(p.GenerationId); break;
                case ParentLinked l: teens.Add(l.TeenId); break;
                case ParentalControlsChanged c: teens.Add(c.TeenId); break;
                case Sora.Domain.Cameos.CameoChangeProposed p: teens.Add(p.By); break;
            }
            if (ModerationNotifications.Of(data) is { } m && ModerationNotifications.IsOutcome(m.Change)) cases.Add(m.CaseId);
        }
        if (videos.Count + cases.Count + teens.Count == 0) return None;

        var facts = new Dictionary<Guid, VideoFact>();
        await LoadVideosAsync(session, videos, facts, ct);
        // A published remix names its source, whose author is told: one more batch for the sources not already here.
        await LoadVideosAsync(session, facts.Values.Where(v => v.RemixOf is not null).Select(v => v.RemixOf!.Value).Where(id => !facts.ContainsKey(id)).ToHashSet(), facts, ct);
        return new NotificationFacts
        {
            Videos = facts,
            Cases = cases.Count == 0 ? new Dictionary<Guid, ModerationCase>() : (await session.LoadManyAsync<ModerationCase>(ct, cases)).ToDictionary(c => c.Id),
            Parents = teens.Count == 0
                ? new Dictionary<Guid, Guid[]>()
                : (await session.LoadManyAsync<Guardianship>(ct, teens.Select(Guardianship.StreamFor))).ToDictionary(g => g.TeenId, g => g.Parents),
        };
    }

    private static async Task LoadVideosAsync(IQuerySession session, IReadOnlyCollection<Guid> ids, Dictionary<Guid, VideoFact> into, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        foreach (var g in await session.LoadManyAsync<Generation>(ct, ids)) into[g.Id] = new VideoFact(g.Id, g.RequesterId, g.RemixOf);
    }
}
