using Sora.Domain.Common;

namespace Sora.Domain.Feed;

/// <summary>A comment on a video (inline snapshot, one stream per comment). Deleted comments stay as history.</summary>
public sealed class Comment
{
    public Guid Id { get; set; }
    public Guid VideoId { get; set; }
    public Guid AuthorId { get; set; }
    public Guid VideoOwnerId { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset PostedAt { get; set; }
    public bool Deleted { get; set; }
    /// <summary>Event sequence of the post: comments page by it (keyset cursors).</summary>
    public long Seq { get; set; }

    public void Apply(JasperFx.Events.IEvent<CommentPosted> e) =>
        (Id, VideoId, AuthorId, VideoOwnerId, Text, PostedAt, Seq) =
        (e.Data.CommentId, e.Data.VideoId, e.Data.ViewerId, e.Data.VideoOwnerId, e.Data.Text, e.Data.At, e.Sequence);

    public void Apply(CommentDeleted e) => (Deleted, Text) = (true, "");
}

public static class CommentRules
{
    public const int MaxLength = 500;

    /// <summary>Plain text: trimmed, 1..500 characters, no control characters other than line breaks.</summary>
    public static Refusal? Check(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return new Refusal(ErrorCodes.BadUserInput, "A comment cannot be empty.", "text");
        if (trimmed.Length > MaxLength) return new Refusal(ErrorCodes.BadUserInput, $"A comment can be at most {MaxLength} characters.", "text");
        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
            return new Refusal(ErrorCodes.BadUserInput, "A comment must be plain text.", "text");
        return null;
    }

    /// <summary>
    /// The comment's id: from the author and the client's request id when there is one (a retry meets the first post),
    /// else a new one.
    /// </summary>
    public static Guid IdFor(Guid author, string? clientRequestId) =>
        clientRequestId is null ? Guid.CreateVersion7() : DeterministicGuid.From("comment|" + clientRequestId, author);

    public static Refusal? CheckClientRequestId(string? clientRequestId) =>
        clientRequestId is { Length: 0 or > 100 }
            ? new Refusal(ErrorCodes.BadUserInput, "clientRequestId must be 1 to 100 characters.", "clientRequestId")
            : null;

    /// <summary>The author may delete their comment; so may the owner of the video it is on. Moderators too.</summary>
    public static bool MayDelete(Comment comment, Actor actor) =>
        comment.AuthorId == actor.AccountId || comment.VideoOwnerId == actor.AccountId || actor.IsAdmin || actor.Has(Accounts.AccountRole.Moderator);
}
