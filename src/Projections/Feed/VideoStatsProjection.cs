using JasperFx.Events;
using Marten.Events.Projections;
using Sora.Domain.Feed;
using Sora.Domain.Generations;

namespace Sora.Projections.Feed;

/// <summary>Async: counters per video from every signal stream, plus remixes from generation requests.</summary>
public partial class VideoStatsProjection : MultiStreamProjection<VideoStats, Guid>
{
    public VideoStatsProjection()
    {
        Identity<VideoViewed>(e => e.VideoId);
        Identity<VideoLiked>(e => e.VideoId);
        Identity<VideoUnliked>(e => e.VideoId);
        Identity<VideoShared>(e => e.VideoId);
        Identity<CommentPosted>(e => e.VideoId);
        Identity<CommentDeleted>(e => e.VideoId);
        Identities<GenerationRequested>(e => e.RemixOf is { } parent ? [parent] : []);
    }

    public override VideoStats Evolve(VideoStats? snapshot, Guid id, IEvent e)
    {
        var s = snapshot ?? new VideoStats { Id = id };
        switch (e.Data)
        {
            case VideoViewed v:
                s.Views++;
                s.WatchFractionSum += v.WatchFraction;
                if (v.Completed) s.Completions++;
                break;
            case VideoLiked: s.Likes++; break;
            case VideoUnliked: s.Likes = Math.Max(0, s.Likes - 1); break;
            case VideoShared: s.Shares++; break;
            case CommentPosted: s.Comments++; break;
            case CommentDeleted: s.Comments = Math.Max(0, s.Comments - 1); break;
            case GenerationRequested: s.Remixes++; break;
        }
        return s;
    }
}

/// <summary>Async: decayed engagement per (region, video) and everywhere.</summary>
public partial class TrendingProjection : MultiStreamProjection<TrendingEntry, string>
{
    public TrendingProjection()
    {
        Identities<VideoViewed>(e => Keys(e.Region, e.VideoId));
        Identities<VideoLiked>(e => Keys(e.Region, e.VideoId));
        Identities<VideoShared>(e => Keys(e.Region, e.VideoId));
    }

    private static string[] Keys(string? region, Guid video) => region is null
        ? [TrendingEntry.IdFor(TrendingEntry.Everywhere, video)]
        : [TrendingEntry.IdFor(TrendingEntry.Everywhere, video), TrendingEntry.IdFor(region, video)];

    public override TrendingEntry Evolve(TrendingEntry? snapshot, string id, IEvent e)
    {
        var entry = snapshot ?? new TrendingEntry { Id = id, Region = id[..id.IndexOf('|')] };
        switch (e.Data)
        {
            case VideoViewed v: entry.VideoId = v.VideoId; entry.Add(v.Completed ? 2 : 1, v.At); break;
            case VideoLiked l: entry.VideoId = l.VideoId; entry.Add(3, l.At); break;
            case VideoShared s: entry.VideoId = s.VideoId; entry.Add(5, s.At); break;
        }
        return entry;
    }
}
