using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Moderation;

/// <summary>
/// The author of a video removed on a takedown request answers it: they state, in good faith, why the video may stay
/// up (for example that the person shown agreed, or is not who the request says).
/// </summary>
public sealed record FileCounterNotice(Actor By, Guid CaseId, string Statement, bool GoodFaith);

/// <summary>A counter-notice was filed; its statement is sealed in the vault under <paramref name="NoticeId"/>.</summary>
public sealed record CounterNoticeFiled(Guid CaseId, Guid NoticeId, Guid AuthorId, DateTimeOffset At);

/// <summary>
/// A counter-notice is the takedown case's one appeal: it follows the same case, waits in the same queue
/// (appealsOnly), and a moderator other than the one who removed the video decides it with decideAppeal; overturning
/// restores the video. Only the author files it, only on a removal that a takedown request asked for, once.
/// </summary>
public static class FileCounterNoticeDecider
{
    public const string NoTakedown = "NO_TAKEDOWN_TO_ANSWER";

    public static Decision<object> Decide(FileCounterNotice command, ModerationCase? @case, Guid noticeId, DateTimeOffset now)
    {
        if (@case is null || @case.AuthorId != command.By.AccountId) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such case of yours.", "caseId");
        if (!command.GoodFaith) return Decision<object>.Refuse(ErrorCodes.BadUserInput, "A counter-notice is made in good faith: say so.", "goodFaith");
        if (command.Statement.Trim().Length is 0 or > AppealActionDecider.MaxStatement)
            return Decision<object>.Refuse(ErrorCodes.BadUserInput, $"Say why, in at most {AppealActionDecider.MaxStatement} characters.", "statement");
        if (@case.TakedownCount == 0) return Decision<object>.Refuse(NoTakedown, "No takedown request is behind this case: appeal it instead.");
        if (@case.AppealFiledAt is not null) return Decision<object>.Refuse(AppealActionDecider.AlreadyAppealed, "This case was answered or appealed already.");
        if (@case.Status != CaseStatus.Removed) return Decision<object>.Refuse(CaseActions.NotActionable, "Only a removal is answered with a counter-notice.");
        return Decision<object>.Accept(new CounterNoticeFiled(@case.Id, noticeId, command.By.AccountId, now));
    }
}

public static class FileCounterNoticeHandler
{
    public const string StatementKind = "counter-notice";

    public static async Task<CommandResult> Handle(FileCounterNotice command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(command.CaseId, ct);
        var noticeId = Guid.CreateVersion7();
        var decision = FileCounterNoticeDecider.Decide(command, stream.Aggregate, noticeId, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        stream.AppendMany(decision.Events);
        await vault.SealAsync(session, noticeId, StatementKind, command.Statement.Trim(), ct);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(stream.Id);
    }
}
