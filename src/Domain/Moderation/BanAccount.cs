using Marten;
using Sora.Domain.Common;
using Sora.Domain.Generations;

namespace Sora.Domain.Moderation;

/// <summary>Bans the author of the case's item.</summary>
public sealed record BanAccount(Actor By, Guid CaseId);

/// <summary>
/// A ban is a suspension without end, and every rendered video of the account (published, draft or awaiting
/// approval) is held down by the ban, in the same transaction (with the remixes made from them, as a removal does). An overturned appeal brings back what the ban took
/// down, where nothing else holds it.
/// </summary>
public static class BanAccountDecider
{
    /// <summary>Videos one ban takes down in its transaction; an account with more is refused, for an operator to handle.</summary>
    public const int MaxVideos = 5000;

    /// <summary>
    /// The hold a ban puts on its videos: not the case's own id, so restoring a video removed on the same case does
    /// not lift the ban's hold, and an overturned ban does not lift the removal.
    /// </summary>
    public static Guid HoldFor(Guid caseId) => DeterministicGuid.From("ban-hold", caseId);

    public static Decision<object> Decide(BanAccount command, ModerationCase? @case, Accounts.Account? author, IReadOnlyList<Guid> liveVideos,
        DateTimeOffset now)
    {
        if (AccountActions.Check(command.By, @case, author) is { } refused) return new Decision<object>([], refused);
        if (@case!.AuthorBanned) return Decision<object>.Accept();
        if (liveVideos.Count > MaxVideos)
            return Decision<object>.Refuse(CaseActions.NotActionable, $"This account has more than {MaxVideos} videos up; an operator bans it in steps.");
        var by = command.By.AccountId;
        var hold = HoldFor(@case.Id);
        return Decision<object>.Accept([new AccountBanned(@case.Id, author!.Id, by, now), .. liveVideos.Select(v => new VideoTakenDown(v, hold, by, now))]);
    }
}

public static class BanAccountHandler
{
    public static async Task<CommandResult> Handle(BanAccount command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (stream, author, _) = await AccountActions.LoadAsync(session, command.CaseId, ct);
        IReadOnlyList<Guid> live = author is null
            ? []
            : await session.Query<Generation>()
                // Every rendered video, drafts and those awaiting a cameo owner's approval too: none may go public later.
                .Where(g => g.RequesterId == author.Id && g.Stage == GenerationStage.Ready && g.Publication != Publication.Withdrawn)
                .Select(g => g.Id).Take(BanAccountDecider.MaxVideos + 1).ToListAsync(ct);
        return await CaseActions.CommitAsync(session, stream, BanAccountDecider.Decide(command, stream.Aggregate, author, live, clock.GetUtcNow()), ct);
    }
}
