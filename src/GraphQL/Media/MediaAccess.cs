using Sora.Projections.Feed;
using Sora.Domain.Feed;
using Sora.Domain.Media;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Generations;
using Sora.Render.Media;

namespace Sora.GraphQL.Media;

/// <summary>
/// Who may see a video (and its media). The public may while its FeedVideo exists (the one visibility read model:
/// published, ready, not withdrawn or blocked, every cameo use standing) and no block stands between viewer and
/// creator. Privately: its creator while it is ready (draft, pending, withdrawn) and its uses stand; the owner of any
/// likeness it shows, once rendered, whatever its state (DESIGN §4 invariant 3), and so does a linked parent of a teen
/// whose likeness it shows (docs/parental.md); moderators and admins always
/// (review), blocked videos included. Uploads: their uploader only.
/// </summary>
public static class MediaAccess
{
    /// <param name="isAdult">Asked only for an age-restricted video: whether the viewer is a signed-in adult.</param>
    /// <param name="isParentOf">Asked only for a rendered video with likenesses: whether the viewer (first) is a linked parent
    /// of the likeness owner (second), a teen today.</param>
    public static async Task<bool> CanSeeAsync(IQuerySession session, Generation generation, Guid? viewer, IReadOnlyCollection<AccountRole> roles,
        CancellationToken ct, Func<Guid, CancellationToken, Task<bool>>? isAdult = null, Func<Guid, Guid, CancellationToken, Task<bool>>? isParentOf = null)
    {
        if (roles.Contains(AccountRole.Moderator) || roles.Contains(AccountRole.Admin)) return generation.Stage is GenerationStage.Ready or GenerationStage.Blocked;
        // The owner sees everything: every rendered video that shows their likeness, drafts and blocked ones included.
        if (viewer is { } owner && generation.VideoMediaId is not null && generation.Cameos.Any(c => c.OwnerId == owner)
            && generation.Stage is GenerationStage.Ready or GenerationStage.Blocked
            && await StillTheirLikenessAsync(session, generation, owner, ct))
            return true;
        if (viewer is { } parent && isParentOf is not null && generation.VideoMediaId is not null && generation.Stage is GenerationStage.Ready or GenerationStage.Blocked)
            foreach (var teen in generation.Cameos.Select(c => c.OwnerId).Distinct())
                if (teen != parent && await isParentOf(parent, teen, ct) && await StillTheirLikenessAsync(session, generation, teen, ct))
                    return true;
        if (generation.Stage != GenerationStage.Ready) return false;
        // Its creator, while every use it shows stands: a revoke hides it from the creator in the revoking transaction
        // too (the uses are withdrawn inline), not only once the video is blocked after the commit.
        if (viewer is { } who && generation.RequesterId == who)
            return (await Sora.Domain.Generations.GenerationConsent.CheckAsync(session, generation, ct)).Standing != Sora.Domain.Generations.ConsentStanding.Lapsed;
        if (await VideoVisibility.VisibleToAsync(session, generation.Id, viewer, ct) is not null) return true;
        // Age-restricted: off the public surfaces, and by its link only for signed-in adults, where it would otherwise be
        // public (published, held down by nothing, every use standing, no block between them).
        if (generation.AgeRestrictedBy is null || viewer is not { } adult || isAdult is null) return false;
        if (generation.Publication != Publication.Published || generation.TakenDown) return false;
        if (await VideoVisibility.SourceHeldDownAsync(session, generation.RemixOf, Guid.Empty, ct)) return false;
        if ((await Sora.Domain.Generations.GenerationConsent.CheckAsync(session, generation, ct)).Standing == Sora.Domain.Generations.ConsentStanding.Lapsed) return false;
        var between = await session.LoadAsync<Sora.Domain.Social.Relationship>(Sora.Domain.Social.Relationship.IdFor(adult, generation.RequesterId), ct);
        if (between is not null && (between.Blocks(adult) || between.Blocks(generation.RequesterId))) return false;
        return await isAdult(adult, ct);
    }

    /// <summary>
    /// An owner who lost a dispute over the face (docs/moderation.md) was never its owner: the likeness is someone
    /// else's, so the owner's view of it ends with it.
    /// </summary>
    private static async Task<bool> StillTheirLikenessAsync(IQuerySession session, Generation generation, Guid owner, CancellationToken ct)
    {
        var cameos = await session.LoadManyAsync<Sora.Domain.Cameos.Cameo>(ct, generation.Cameos.Where(c => c.OwnerId == owner).Select(c => c.CameoId).ToArray());
        return cameos.Count == 0 || cameos.Any(c => !(c.LastDisputeKept == false && !c.LikenessInForce));
    }

    /// <summary>Whether any record of this content lets the viewer see it.</summary>
    public static async Task<MediaObject?> VisibleObjectAsync(IQuerySession session, string sha, Guid? viewer, IReadOnlyCollection<AccountRole> roles, CancellationToken ct,
        Func<Guid, CancellationToken, Task<bool>>? isAdult = null, Func<Guid, Guid, CancellationToken, Task<bool>>? isParentOf = null)
    {
        var objects = await session.Query<MediaObject>().Where(m => m.Sha256 == sha).ToListAsync(ct);
        foreach (var media in objects)
        {
            if (media.Kind == MediaKind.Upload)
            {
                if (media.OwnerId == viewer) return media;
                continue;
            }
            var generation = media.GenerationId is { } id ? await session.LoadAsync<Generation>(id, ct) : null;
            if (generation is not null && await CanSeeAsync(session, generation, viewer, roles, ct, isAdult, isParentOf)) return media;
        }
        return null;
    }
}
