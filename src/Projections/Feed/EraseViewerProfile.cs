using Marten;
using Sora.Domain.Privacy;

namespace Sora.Projections.Feed;

/// <summary>A deleted account's feed profile (interest vector, affinities, what it was served) and its seen rows go.</summary>
public sealed class ViewerProfileEraser : IAccountEraser
{
    public Task EraseAsync(AccountErasure erasure, CancellationToken ct)
    {
        erasure.Session.Delete<ViewerProfile>(erasure.AccountId);
        erasure.Session.QueueSqlCommand($"delete from {SeenVideos.QualifiedName(erasure.Session.DocumentStore)} where viewer_id = ?", erasure.AccountId);
        return Task.CompletedTask;
    }
}
