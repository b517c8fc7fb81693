using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

/// <summary>Suspends the author of the case's item for <paramref name="Days"/> days.</summary>
public sealed record SuspendAccount(Actor By, Guid CaseId, int Days);

/// <summary>
/// A suspended account can still sign in, read, protect itself (revoke consent, block, delete its content) and appeal;
/// it cannot create or interact until the suspension ends (docs/moderation.md lists what it keeps).
/// </summary>
public static class SuspendAccountDecider
{
    public static Decision<object> Decide(SuspendAccount command, ModerationCase? @case, Accounts.Account? author, DateTimeOffset now)
    {
        if (AccountActions.Check(command.By, @case, author) is { } refused) return new Decision<object>([], refused);
        if (command.Days is < 1 or > StrikePolicy.MaxSuspensionDays)
            return Decision<object>.Refuse(ErrorCodes.BadUserInput, $"A suspension lasts 1 to {StrikePolicy.MaxSuspensionDays} days.", "days");
        return Decision<object>.Accept(new AccountSuspended(@case!.Id, author!.Id, command.By.AccountId, now.AddDays(command.Days), ByRule: false, now));
    }
}

public static class SuspendAccountHandler
{
    public static async Task<CommandResult> Handle(SuspendAccount command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (stream, author, _) = await AccountActions.LoadAsync(session, command.CaseId, ct);
        return await CaseActions.CommitAsync(session, stream, SuspendAccountDecider.Decide(command, stream.Aggregate, author, clock.GetUtcNow()), ct);
    }
}
