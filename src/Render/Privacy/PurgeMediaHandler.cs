using Marten;
using Sora.Domain.Media;
using Sora.Domain.Privacy;

namespace Sora.Render.Privacy;

/// <summary>
/// Deletes the bytes of media a deletion left without any record. Storage is content-addressed, so the same bytes may
/// still belong to someone else (an identical upload): those stay.
/// </summary>
public static class PurgeMediaHandler
{
    public static async Task Handle(PurgeMedia command, IQuerySession session, IMediaStore media, CancellationToken ct)
    {
        var ids = command.MediaIds.Where(Media.LocalMediaStore.IsId).Distinct().ToArray();
        var stillUsed = (await session.Query<MediaObject>().Where(m => ids.Contains(m.Sha256)).Select(m => m.Sha256).ToListAsync(ct)).ToHashSet();
        foreach (var id in ids.Where(i => !stillUsed.Contains(i))) await media.DeleteAsync(id, ct);
    }
}
