using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Feed;

public sealed record DeleteComment(Actor By, Guid CommentId);

public static class DeleteCommentHandler
{
    public static async Task<CommandResult> Handle(DeleteComment command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Comment>(command.CommentId, ct);
        // Someone else's comment they may not delete looks the same as no comment: nothing to learn by probing.
        if (stream.Aggregate is not { Deleted: false } comment || !CommentRules.MayDelete(comment, command.By))
            return CommandResult.Refuse(ErrorCodes.NotFound, "No such comment.", "commentId");
        stream.AppendOne(new CommentDeleted(comment.Id, comment.VideoId, command.By.AccountId, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return CommandResult.Done;
    }
}
