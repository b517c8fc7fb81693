using Marten;
using Sora.Domain.Common;
using Sora.Domain.Generations;

namespace Sora.Domain.Moderation;

/// <summary>What a label tells viewers before they watch (docs/moderation.md).</summary>
public enum ContentLabel
{
    /// <summary>Graphic or disturbing imagery, shown for a reason (news, art, education).</summary>
    Graphic,
    /// <summary>A sensitive subject (self-harm, eating disorders, abuse) treated with care.</summary>
    SensitiveTopic,
    /// <summary>It could be taken for a real event or a real statement by a real person.</summary>
    Misleading,
    /// <summary>Flashing lights that can trigger photosensitive seizures.</summary>
    FlashingLights,
}

/// <summary>Labels the case's video: it stays up, with the label shown on it.</summary>
public sealed record LabelContent(Actor By, Guid CaseId, ContentLabel Label);

/// <summary>The moderator's decision on the case (the log and the appeal read it); the label itself is on the video's stream.</summary>
public sealed record ContentLabelled(Guid CaseId, Guid TargetId, ContentLabel Label, Guid ModeratorId, DateTimeOffset At);

/// <summary>Only videos are labelled; a label already there changes nothing. The usual rules of every moderator action.</summary>
public static class LabelContentDecider
{
    public static Decision<object> Decide(LabelContent command, ModerationCase? @case, Generation? video, DateTimeOffset now)
    {
        if (CaseActions.Check(command.By, @case) is { } refused) return new Decision<object>([], refused);
        if (@case!.Target != ReportTarget.Video || video is null) return Decision<object>.Refuse(CaseActions.NotActionable, "Only videos are labelled.");
        if (video.Labels.Any(l => l.Label == command.Label)) return Decision<object>.Accept();
        var by = command.By.AccountId;
        return Decision<object>.Accept(new ContentLabelled(@case.Id, video.Id, command.Label, by, now), new VideoLabelled(video.Id, @case.Id, command.Label, by, now));
    }
}

public static class LabelContentHandler
{
    public static async Task<CommandResult> Handle(LabelContent command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(command.CaseId, ct);
        var video = stream.Aggregate is { Target: ReportTarget.Video } @case ? (await session.Events.FetchForWriting<Generation>(@case.TargetId, ct)).Aggregate : null;
        return await CaseActions.CommitAsync(session, stream, LabelContentDecider.Decide(command, stream.Aggregate, video, clock.GetUtcNow()), ct);
    }
}
