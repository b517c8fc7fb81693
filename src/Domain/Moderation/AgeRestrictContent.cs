using Marten;
using Sora.Domain.Common;
using Sora.Domain.Generations;

namespace Sora.Domain.Moderation;

/// <summary>Age-restricts the case's video.</summary>
public sealed record AgeRestrictContent(Actor By, Guid CaseId);

/// <summary>The moderator's decision on the case (the log and the appeal read it); the restriction itself is on the video's stream.</summary>
public sealed record ContentAgeRestricted(Guid CaseId, Guid TargetId, Guid ModeratorId, DateTimeOffset At);

/// <summary>
/// For a video that may stay up but not in front of everyone: it leaves feeds, search and remixing in the same
/// transaction, and its link answers only signed-in adults (18 and over, from the birth date in the vault), the
/// author, the people it shows, and moderators. Only videos; restricting twice changes nothing.
/// </summary>
public static class AgeRestrictContentDecider
{
    public static Decision<object> Decide(AgeRestrictContent command, ModerationCase? @case, Generation? video, DateTimeOffset now)
    {
        if (CaseActions.Check(command.By, @case) is { } refused) return new Decision<object>([], refused);
        if (@case!.Target != ReportTarget.Video || video is null) return Decision<object>.Refuse(CaseActions.NotActionable, "Only videos are age-restricted.");
        if (video.AgeRestrictedBy is not null) return Decision<object>.Accept();
        var by = command.By.AccountId;
        return Decision<object>.Accept(new ContentAgeRestricted(@case.Id, video.Id, by, now), new VideoAgeRestricted(video.Id, @case.Id, by, now));
    }
}

public static class AgeRestrictContentHandler
{
    public static async Task<CommandResult> Handle(AgeRestrictContent command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(command.CaseId, ct);
        var video = stream.Aggregate is { Target: ReportTarget.Video } @case ? (await session.Events.FetchForWriting<Generation>(@case.TargetId, ct)).Aggregate : null;
        return await CaseActions.CommitAsync(session, stream, AgeRestrictContentDecider.Decide(command, stream.Aggregate, video, clock.GetUtcNow()), ct);
    }
}
