using Marten;
using Sora.Domain.Common;
using Sora.Domain.Generations;

namespace Sora.Domain.Moderation;

/// <summary>A moderator decides an appeal: <paramref name="Uphold"/> keeps the removal, false overturns it.</summary>
public sealed record DecideAppeal(Actor By, Guid CaseId, bool Uphold);

/// <summary>The appeal's outcome, and how long the author waited for it.</summary>
public sealed record AppealDecided(Guid CaseId, Guid ModeratorId, bool Upheld, DateTimeOffset FiledAt, DateTimeOffset At);

/// <summary>
/// A different moderator from the one who acted decides (and the usual rules: not on their own content, nor a case
/// they reported). Overturning restores, in the same decision, a removed video, and undoes the case's strike,
/// suspensions and ban, bringing back the videos the ban took down.
/// </summary>
public static class DecideAppealDecider
{
    /// <param name="takenDownByCase">The videos this case's ban holds down.</param>
    public static Decision<object> Decide(DecideAppeal command, ModerationCase? @case, IReadOnlyList<Guid> takenDownByCase, DateTimeOffset now)
    {
        if (CaseActions.Check(command.By, @case) is { } refused) return new Decision<object>([], refused);
        if (@case!.AppealFiledAt is not { } filed || @case.AppealDecidedAt is not null)
            return Decision<object>.Refuse(CaseActions.NotActionable, "No appeal is waiting on this case.");
        if (@case.Deciders.Contains(command.By.AccountId) || @case.ActedBy == command.By.AccountId)
            return Decision<object>.Refuse(ErrorCodes.Forbidden, "Another moderator must decide the appeal of your own decision.");
        var by = command.By.AccountId;
        var decided = new AppealDecided(@case.Id, by, command.Uphold, filed, now);
        if (command.Uphold) return Decision<object>.Accept(decided);
        var events = new List<object> { decided };
        if (@case.Status == CaseStatus.Removed && @case.Target == ReportTarget.Video)
            events.AddRange([new ContentRestored(@case.Id, @case.Target, @case.TargetId, by, now), new VideoReinstated(@case.TargetId, @case.Id, by, now)]);
        if (@case.Labelled) events.Add(new VideoLabelsLifted(@case.TargetId, @case.Id, by, now));
        if (@case.AgeRestricted) events.Add(new VideoAgeRestrictionLifted(@case.TargetId, @case.Id, by, now));
        if (@case.AuthorActioned && @case.AuthorId is { } author)
        {
            events.Add(new AccountActionsOverturned(@case.Id, author, by, now));
            // What the ban took down comes back where nothing else holds it (FeedVideoProjection decides that).
            var hold = BanAccountDecider.HoldFor(@case.Id);
            events.AddRange(takenDownByCase.Select(v => new VideoReinstated(v, hold, by, now)));
        }
        return Decision<object>.Accept([.. events]);
    }
}

public static class DecideAppealHandler
{
    public static async Task<CommandResult> Handle(DecideAppeal command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(command.CaseId, ct);
        if (stream.Aggregate is { Target: ReportTarget.Video } video) await session.Events.FetchForWriting<Generation>(video.TargetId, ct);
        var hold = BanAccountDecider.HoldFor(command.CaseId);
        IReadOnlyList<Guid> held = stream.Aggregate is { AuthorBanned: true } banned
            ? await session.Query<Generation>().Where(g => g.RequesterId == banned.AuthorId && g.TakenDownBy.Contains(hold))
                .Select(g => g.Id).Take(BanAccountDecider.MaxVideos).ToListAsync(ct)
            : [];
        return await CaseActions.CommitAsync(session, stream, DecideAppealDecider.Decide(command, stream.Aggregate, held, clock.GetUtcNow()), ct);
    }
}
