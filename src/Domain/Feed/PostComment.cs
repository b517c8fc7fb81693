using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Feed;

/// <summary><paramref name="ClientRequestId"/>: the client's id for this comment, so a retry after a lost answer posts it once.</summary>
public sealed record PostComment(Actor By, Guid VideoId, string Text, string? ClientRequestId = null);

public static class PostCommentHandler
{
    public static async Task<CommandResult> Handle(PostComment command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if ((CommentRules.Check(command.Text) ?? CommentRules.CheckClientRequestId(command.ClientRequestId)) is { } bad) return new CommandResult(null, bad);
        await ViewerLock.AcquireAsync(session, command.By.AccountId, ct);
        var id = CommentRules.IdFor(command.By.AccountId, command.ClientRequestId);
        // A retry of a post that went through: the same comment, nothing new (the viewer lock orders the two).
        if (command.ClientRequestId is not null && await session.LoadAsync<Comment>(id, ct) is { } posted) return new CommandResult(posted.Id, null);
        var video = await VideoVisibility.VisibleToAsync(session, command.VideoId, command.By.AccountId, ct);
        if (video is null) return VideoVisibility.NoSuchVideo;
        session.Events.StartStream<Comment>(id, new CommentPosted(id, video.Id, command.By.AccountId, video.AuthorId, command.Text.Trim(), clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return new CommandResult(id, null);
    }
}
