using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

/// <summary>
/// What every action on a case's author checks (pure), after <see cref="CaseActions.Check"/>: the case has an author
/// with an account, and that author does not moderate. A moderator or admin is not struck, suspended or banned by a
/// peer: an admin revokes their role first, and that is audited on its own.
/// </summary>
public static class AccountActions
{
    public static Refusal? Check(Actor actor, ModerationCase? @case, Account? author)
    {
        if (CaseActions.Check(actor, @case) is { } refused) return refused;
        if (author is null) return new Refusal(CaseActions.NotActionable, "This case's author has no account to act on.", "caseId");
        if (author.HasRole(AccountRole.Moderator) || author.HasRole(AccountRole.Admin) || author.HasRole(AccountRole.Auditor))
            return new Refusal(ErrorCodes.Forbidden, "An admin must revoke this account's role before it is acted on.");
        return null;
    }

    /// <summary>The case for writing, its author's account, and their standing.</summary>
    public static async Task<(JasperFx.Events.IEventStream<ModerationCase> Stream, Account? Author, AccountStanding? Standing)> LoadAsync(
        IDocumentSession session, Guid caseId, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ModerationCase>(caseId, ct);
        if (stream.Aggregate?.AuthorId is not { } authorId) return (stream, null, null);
        return (stream, await session.LoadAsync<Account>(authorId, ct), await session.LoadAsync<AccountStanding>(authorId, ct));
    }
}
