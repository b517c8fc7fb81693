using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

/// <summary>Closes an open case with nothing to act on.</summary>
public sealed record DismissCase(Actor By, Guid CaseId);

public static class DismissCaseDecider
{
    public static Decision<object> Decide(DismissCase command, ModerationCase? @case, DateTimeOffset now)
    {
        if (CaseActions.Check(command.By, @case) is { } refused) return new Decision<object>([], refused);
        if (@case!.Status != CaseStatus.Open) return Decision<object>.Refuse(CaseActions.NotActionable, "Only an open case can be dismissed.");
        return Decision<object>.Accept(new CaseDismissed(@case.Id, command.By.AccountId, now));
    }
}

public static class DismissCaseHandler
{
    public static async Task<CommandResult> Handle(DismissCase command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(command.CaseId, ct);
        return await CaseActions.CommitAsync(session, stream, DismissCaseDecider.Decide(command, stream.Aggregate, clock.GetUtcNow()), ct);
    }
}
