using Marten;
using Sora.Domain.Privacy;

namespace Sora.Domain.Feed;

/// <summary>
/// A deleted account's comments are deleted (as their author would) and their text, the one free text events hold, is
/// masked in the events once the deletion commits (the masking rule is in <see cref="FeedFeature"/>).
/// </summary>
public sealed class CommentsEraser : IAccountEraser
{
    public async Task EraseAsync(AccountErasure erasure, CancellationToken ct)
    {
        var session = erasure.Session;
        var comments = await session.Query<Comment>().Where(c => c.AuthorId == erasure.AccountId).ToListAsync(ct);
        foreach (var comment in comments)
        {
            if (!comment.Deleted) session.Events.Append(comment.Id, new CommentDeleted(comment.Id, comment.VideoId, erasure.AccountId, erasure.Now));
            erasure.StreamsToMask.Add(comment.Id);
        }
    }
}
