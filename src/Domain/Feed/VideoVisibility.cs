using Marten;
using Sora.Domain.Common;
using Sora.Domain.Generations;
using Sora.Domain.Social;

namespace Sora.Domain.Feed;

/// <summary>
/// Whether a viewer may see a public video: its <see cref="FeedVideo"/> exists (the one visibility document) and
/// neither side blocks the other (the <see cref="Relationship"/> snapshot, inline). Every signal, comment, the video
/// query and the feed's candidates ask here, so the rule is written once.
/// </summary>
public static class VideoVisibility
{
    /// <summary>What every signal answers about a video the actor may not see, whatever the reason: nothing to learn by probing.</summary>
    public static readonly CommandResult NoSuchVideo = CommandResult.Refuse(ErrorCodes.NotFound, "No such video.", "videoId");

    public static async Task<FeedVideo?> VisibleToAsync(IQuerySession session, Guid videoId, Guid? viewer, CancellationToken ct)
    {
        var video = await session.LoadAsync<FeedVideo>(videoId, ct);
        if (video is null) return null;
        if (viewer is not { } who || who == video.AuthorId) return video;
        var between = await session.LoadAsync<Relationship>(Relationship.IdFor(who, video.AuthorId), ct);
        return between is not null && (between.Blocks(who) || between.Blocks(video.AuthorId)) ? null : video;
    }

    /// <summary>Remix chains are short; the walk is bounded all the same.</summary>
    private const int MaxLineageDepth = 64;

    /// <summary>
    /// Whether a video up a remix's lineage, from its <paramref name="source"/>, is held down by a takedown other than
    /// <paramref name="liftedHold"/>: a remix shows its sources' frames, so it stays down with them.
    /// </summary>
    public static async Task<bool> SourceHeldDownAsync(IQuerySession session, Guid? source, Guid liftedHold, CancellationToken ct)
    {
        for (var depth = 0; source is { } id && depth < MaxLineageDepth; depth++)
        {
            var ancestor = await session.LoadAsync<Generation>(id, ct);
            if (ancestor is null) return false;
            if (ancestor.TakenDownBy.Any(c => c != liftedHold)) return true;
            source = ancestor.RemixOf;
        }
        return false;
    }
}
