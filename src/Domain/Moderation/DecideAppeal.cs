using Marten;
using Sora.Domain.Common;
using Sora.Domain.Generations;

namespace Sora.Domain.Moderation;

/// <summary>A moderator decides an appeal: <paramref name="Uphold"/> keeps the removal, false overturns it.</summary>
public sealed record DecideAppeal(Actor By, Guid CaseId, bool Uphold);

/// <summary>The appeal's outcome, and how long the author waited for it.</summary>
public sealed record AppealDecided(Guid CaseId, Guid ModeratorId, bool Upheld, DateTimeOffset FiledAt, DateTimeOffset At);

/// <summary>
/// A different moderator from the one who removed decides (and the usual rules: not on their own content, nor a case
/// they reported). Overturning a video's removal restores it, in the same decision.
/// </summary>
public static class DecideAppealDecider
{
    public static Decision<object> Decide(DecideAppeal command, ModerationCase? @case, DateTimeOffset now)
    {
        if (CaseActions.Check(command.By, @case) is { } refused) return new Decision<object>([], refused);
        if (@case!.AppealFiledAt is not { } filed || @case.AppealDecidedAt is not null)
            return Decision<object>.Refuse(CaseActions.NotActionable, "No appeal is waiting on this case.");
        if (@case.ActedBy == command.By.AccountId)
            return Decision<object>.Refuse(ErrorCodes.Forbidden, "Another moderator must decide the appeal of your own decision.");
        var by = command.By.AccountId;
        var decided = new AppealDecided(@case.Id, by, command.Uphold, filed, now);
        if (command.Uphold || @case.Target != ReportTarget.Video) return Decision<object>.Accept(decided);
        return Decision<object>.Accept(decided, new ContentRestored(@case.Id, @case.Target, @case.TargetId, by, now),
            new VideoReinstated(@case.TargetId, @case.Id, by, now));
    }
}

public static class DecideAppealHandler
{
    public static async Task<CommandResult> Handle(DecideAppeal command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(command.CaseId, ct);
        if (stream.Aggregate is { Target: ReportTarget.Video } video) await session.Events.FetchForWriting<Generation>(video.TargetId, ct);
        return await CaseActions.CommitAsync(session, stream, DecideAppealDecider.Decide(command, stream.Aggregate, clock.GetUtcNow()), ct);
    }
}
