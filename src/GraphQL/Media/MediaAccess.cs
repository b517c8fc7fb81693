using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Generation;
using Sora.Render.Media;

namespace Sora.GraphQL.Media;

/// <summary>
/// Who may see a video (and its media): anyone once it is published and not blocked; its creator while it is a
/// draft, pending or withdrawn; the owners of cameos waiting to approve it; moderators and admins always (review).
/// A blocked video (consent lapsed) is shown to moderators and admins only. Uploads: their uploader only.
/// </summary>
public static class MediaAccess
{
    public static bool CanSee(Generation generation, Guid? viewer, IReadOnlyCollection<AccountRole> roles)
    {
        if (roles.Contains(AccountRole.Moderator) || roles.Contains(AccountRole.Admin)) return generation.Stage == GenerationStage.Ready || generation.Stage == GenerationStage.Blocked;
        if (generation.IsPublic) return true;
        if (generation.Stage != GenerationStage.Ready) return false;
        if (viewer is not { } who) return false;
        if (generation.RequesterId == who) return true;
        return generation.Publication == Publication.PendingApproval
               && generation.Cameos.Any(c => c.OwnerId == who && generation.AwaitingUses.Contains(c.UseId));
    }

    /// <summary>Whether any record of this content lets the viewer see it.</summary>
    public static async Task<MediaObject?> VisibleObjectAsync(IQuerySession session, string sha, Guid? viewer, IReadOnlyCollection<AccountRole> roles, CancellationToken ct)
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
            if (generation is not null && CanSee(generation, viewer, roles)) return media;
        }
        return null;
    }
}
