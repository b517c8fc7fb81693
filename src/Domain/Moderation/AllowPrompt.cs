using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

/// <summary>A moderator finds a prompt refusal wrong and allows that prompt to its requester.</summary>
public sealed record AllowPrompt(Actor By, Guid CaseId);

/// <summary>Only on an open prompt review; the usual rules (a moderator never allows their own prompt). dismissCase keeps the refusal.</summary>
public static class AllowPromptDecider
{
    public static Decision<object> Decide(AllowPrompt command, ModerationCase? @case, string? fingerprint, DateTimeOffset now)
    {
        if (CaseActions.Check(command.By, @case) is { } refused) return new Decision<object>([], refused);
        if (@case!.Target != ReportTarget.Prompt || fingerprint is null)
            return Decision<object>.Refuse(CaseActions.NotActionable, "Only a prompt review is answered by allowing the prompt.");
        if (@case.Status != CaseStatus.Open) return Decision<object>.Refuse(CaseActions.NotActionable, "This review was decided already.");
        return Decision<object>.Accept(new PromptAllowed(@case.Id, @case.AuthorId!.Value, fingerprint, command.By.AccountId, now));
    }
}

public static class AllowPromptHandler
{
    public static async Task<CommandResult> Handle(AllowPrompt command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(command.CaseId, ct);
        return await CaseActions.CommitAsync(session, stream, AllowPromptDecider.Decide(command, stream.Aggregate, stream.Aggregate?.PromptFingerprint, clock.GetUtcNow()), ct);
    }
}
