using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Moderation;

/// <summary>The author asks for a removal, or what was done to their account, to be looked at again, once.</summary>
public sealed record AppealAction(Actor By, Guid CaseId, string Statement);

/// <summary>An appeal was filed; its statement is sealed in the vault under <paramref name="AppealId"/>.</summary>
public sealed record AppealFiled(Guid CaseId, Guid AppealId, Guid AuthorId, DateTimeOffset At);

/// <summary>
/// Only the author appeals, only a removal or an account action (strike, suspension, ban), and only once per case: a second look by a second moderator, not a loop.
/// </summary>
public static class AppealActionDecider
{
    public const string AlreadyAppealed = "ALREADY_APPEALED";
    public const int MaxStatement = 2000;

    public static Decision<object> Decide(AppealAction command, ModerationCase? @case, Guid appealId, DateTimeOffset now)
    {
        // Someone else's case looks like no case: the appeal path tells nothing about who was reported.
        if (@case is null || @case.AuthorId != command.By.AccountId) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such case of yours.", "caseId");
        if (command.Statement.Trim().Length is 0 or > MaxStatement)
            return Decision<object>.Refuse(ErrorCodes.BadUserInput, $"Say why, in at most {MaxStatement} characters.", "statement");
        if (@case.AppealFiledAt is not null) return Decision<object>.Refuse(AlreadyAppealed, "This case was appealed already.");
        if (!@case.MayAppeal) return Decision<object>.Refuse(CaseActions.NotActionable, "Only a removal, a strike, a suspension or a ban can be appealed.");
        return Decision<object>.Accept(new AppealFiled(@case.Id, appealId, command.By.AccountId, now));
    }
}

public static class AppealActionHandler
{
    public const string StatementKind = "appeal-statement";

    public static async Task<CommandResult> Handle(AppealAction command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(command.CaseId, ct);
        var appealId = Guid.CreateVersion7();
        var decision = AppealActionDecider.Decide(command, stream.Aggregate, appealId, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        stream.AppendMany(decision.Events);
        await vault.SealAsync(session, appealId, StatementKind, command.Statement.Trim(), ct);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(stream.Id);
    }
}
