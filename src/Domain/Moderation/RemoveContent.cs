using Marten;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.Domain.Generations;

namespace Sora.Domain.Moderation;

/// <summary>Takes a reported video or comment down.</summary>
public sealed record RemoveContent(Actor By, Guid CaseId, ReportReason Reason);

/// <summary>
/// A video is taken down on its own stream too (<see cref="VideoTakenDown"/>): its visibility document goes in the same
/// transaction, with those of the remixes made from it, so feeds, search, <c>video(id)</c> and media stop showing it at
/// once. A comment is deleted. Accounts and cameo uses are not removable content: their cases are dismissed or
/// answered by account actions.
/// </summary>
public static class RemoveContentDecider
{
    public static Decision<object> Decide(RemoveContent command, ModerationCase? @case, Guid? commentVideoId, DateTimeOffset now)
    {
        if (CaseActions.Check(command.By, @case) is { } refused) return new Decision<object>([], refused);
        if (@case!.Status == CaseStatus.Removed) return Decision<object>.Accept();
        var by = command.By.AccountId;
        var removed = new ContentRemoved(@case.Id, @case.Target, @case.TargetId, by, command.Reason, now);
        return @case.Target switch
        {
            ReportTarget.Video => Decision<object>.Accept(removed, new VideoTakenDown(@case.TargetId, @case.Id, by, now)),
            ReportTarget.Comment when commentVideoId is { } video => Decision<object>.Accept(removed, new CommentDeleted(@case.TargetId, video, by, now)),
            _ => Decision<object>.Refuse(CaseActions.NotActionable, "Only videos and comments are removed; dismiss this case instead."),
        };
    }
}

public static class RemoveContentHandler
{
    public static async Task<CommandResult> Handle(RemoveContent command, IDocumentSession session, Wolverine.IMessageContext bus, TimeProvider clock,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(command.CaseId, ct);
        Guid? commentVideo = null;
        if (stream.Aggregate is { Target: ReportTarget.Comment } @case)
            commentVideo = (await session.Events.FetchForWriting<Comment>(@case.TargetId, ct)).Aggregate is { Deleted: false } comment ? comment.VideoId : null;
        else if (stream.Aggregate is { Target: ReportTarget.Video } video)
            await session.Events.FetchForWriting<Generation>(video.TargetId, ct); // version-checked against the creator's own changes
        return await CaseActions.CommitAsync(session, stream, RemoveContentDecider.Decide(command, stream.Aggregate, commentVideo, clock.GetUtcNow()), ct,
            bus);
    }
}
