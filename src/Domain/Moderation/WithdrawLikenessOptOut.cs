using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Moderation;

/// <summary>The person withdraws their opt-out with its management token.</summary>
public sealed record WithdrawLikenessOptOut(string Token);

public static class WithdrawLikenessOptOutDecider
{
    public static Decision<object> Decide(LikenessOptOut? optOut, DateTimeOffset now)
    {
        if (optOut is null) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such opt-out for this token.", "token");
        if (optOut.Status == OptOutStatus.Withdrawn) return Decision<object>.Accept();
        return Decision<object>.Accept(new LikenessOptOutWithdrawn(optOut.Id, now));
    }
}

public static class WithdrawLikenessOptOutHandler
{
    /// <summary>Crypto-shreds the opt-out: its key goes, so its template (and any recording in flight) can never be read again.</summary>
    public static async Task<CommandResult> Handle(WithdrawLikenessOptOut command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        var managed = await LikenessOptOuts.ByTokenAsync(session, command.Token, ct);
        if (managed is null) return CommandResult.No(new Refusal(ErrorCodes.NotFound, "No such opt-out for this token.", "token"));
        var stream = await session.Events.FetchForWriting<LikenessOptOut>(managed.Id, ct);
        var decision = WithdrawLikenessOptOutDecider.Decide(stream.Aggregate, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count == 0) return CommandResult.Ok(managed.Id);
        stream.AppendMany(decision.Events);
        vault.Forget(session, managed.Id);
        session.DeleteWhere<SealedRecord>(r => r.SubjectId == managed.Id);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(managed.Id);
    }
}
