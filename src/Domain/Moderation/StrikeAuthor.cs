using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

/// <summary>Strikes the author of the case's item; <paramref name="Reason"/> defaults to the case's most urgent reason.</summary>
public sealed record StrikeAuthor(Actor By, Guid CaseId, ReportReason? Reason);

/// <summary>
/// One strike per case. The strike rule (<see cref="StrikePolicy"/>) is applied in the same decision: the strike that
/// makes three within 90 days suspends the account, attributed to the striking moderator and marked as the rule's.
/// </summary>
public static class StrikeAuthorDecider
{
    public static Decision<object> Decide(StrikeAuthor command, ModerationCase? @case, Accounts.Account? author, AccountStanding? standing,
        DateTimeOffset now)
    {
        if (AccountActions.Check(command.By, @case, author) is { } refused) return new Decision<object>([], refused);
        if (@case!.AuthorStruck) return Decision<object>.Accept();
        var by = command.By.AccountId;
        var struck = new AuthorStruck(@case.Id, author!.Id, by, command.Reason ?? @case.TopReason, now);
        var active = (standing?.ActiveStrikes(now) ?? 0) + 1;
        return StrikePolicy.SuspensionFor(active) is { } length
            ? Decision<object>.Accept(struck, new AccountSuspended(@case.Id, author.Id, by, now + length, ByRule: true, now))
            : Decision<object>.Accept(struck);
    }
}

public static class StrikeAuthorHandler
{
    public static async Task<CommandResult> Handle(StrikeAuthor command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        // Strikes on two cases about one author, decided at once, must both count: the rule reads the standing under a lock.
        var peek = await session.LoadAsync<ModerationCase>(command.CaseId, ct);
        if (peek?.AuthorId is { } authorId) await AdvisoryLock.AcquireAsync(session, AdvisoryLock.Standing, authorId, ct);
        var (stream, author, standing) = await AccountActions.LoadAsync(session, command.CaseId, ct);
        return await CaseActions.CommitAsync(session, stream, StrikeAuthorDecider.Decide(command, stream.Aggregate, author, standing, clock.GetUtcNow()), ct);
    }
}
