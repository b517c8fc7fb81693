using Marten;

namespace Sora.Domain.Feed;

/// <summary>
/// What the read side does in the transaction that appends a batch of views (<see cref="ViewIngest"/>): the seen rows,
/// and the viewer profiles that must fold now. Views are appended through Marten's quick-append function rather than
/// the session's unit of work, so the inline projections do not see them; this is their inline step, declared here
/// and implemented by the feed's read side (a rebuild replays the same events through the inline projection instead).
/// </summary>
public interface IViewsAppended
{
    /// <param name="versions">Each viewer's activity stream version after the append.</param>
    Task ApplyAsync(IDocumentSession session, IReadOnlyList<VideoViewed> views, IReadOnlyDictionary<Guid, long> versions, CancellationToken ct);
}
