using Marten;
using Sora.Domain.Cameos;
using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

/// <summary>A person without an account registers "never use my likeness" (they confirm it; the recording follows).</summary>
public sealed record StartLikenessOptOut(bool NeverUseMyLikeness);

/// <summary>The opt-out's id and its management token (shown once; only its hash is kept), or why not.</summary>
public sealed record OptOutResult(Guid? Id, string? ManagementToken, Refusal? Refusal) : CommandResult(Id, Refusal);

public static class StartLikenessOptOutDecider
{
    public static Decision<object> Decide(StartLikenessOptOut command, Guid id, string phrase, DateTimeOffset now) =>
        command.NeverUseMyLikeness
            ? Decision<object>.Accept(new LikenessOptOutStarted(id, phrase, now))
            : Decision<object>.Refuse(ErrorCodes.BadUserInput, "Confirm that your likeness must never be used.", "neverUseMyLikeness");
}

public static class StartLikenessOptOutHandler
{
    public static async Task<OptOutResult> Handle(StartLikenessOptOut command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var decision = StartLikenessOptOutDecider.Decide(command, id, VerificationPhrases.New(), clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new OptOutResult(null, null, refusal);
        var (token, hash) = LikenessOptOuts.NewToken();
        session.Events.StartStream<LikenessOptOut>(id, decision.Events.ToArray());
        session.Store(new OptOutToken { Id = id, TokenSha256 = hash });
        await session.SaveChangesAsync(ct);
        return new OptOutResult(id, token, null);
    }
}
