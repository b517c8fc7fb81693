using Marten;
using Sora.Domain.Common;
using Sora.Domain.Generations;

namespace Sora.Domain.Moderation;

/// <summary>Puts a removed video back (after a mistaken removal, or a counter-notice).</summary>
public sealed record RestoreContent(Actor By, Guid CaseId);

/// <summary>Only a removed video comes back; it is public again only if it still may be (published, every use standing).</summary>
public static class RestoreContentDecider
{
    public static Decision<object> Decide(RestoreContent command, ModerationCase? @case, DateTimeOffset now)
    {
        if (CaseActions.Check(command.By, @case) is { } refused) return new Decision<object>([], refused);
        if (@case!.Status != CaseStatus.Removed || @case.Target != ReportTarget.Video)
            return Decision<object>.Refuse(CaseActions.NotActionable, "Only a removed video can be restored.");
        var by = command.By.AccountId;
        return Decision<object>.Accept(new ContentRestored(@case.Id, @case.Target, @case.TargetId, by, now),
            new VideoReinstated(@case.TargetId, @case.Id, by, now));
    }
}

public static class RestoreContentHandler
{
    public static async Task<CommandResult> Handle(RestoreContent command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(command.CaseId, ct);
        if (stream.Aggregate is { Target: ReportTarget.Video } video) await session.Events.FetchForWriting<Generation>(video.TargetId, ct);
        return await CaseActions.CommitAsync(session, stream, RestoreContentDecider.Decide(command, stream.Aggregate, clock.GetUtcNow()), ct);
    }
}
