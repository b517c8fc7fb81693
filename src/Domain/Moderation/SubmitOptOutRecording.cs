using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;
using Wolverine;

namespace Sora.Domain.Moderation;

/// <summary>The opt-out's verification recording, size-checked and probed as video by the upload endpoint, with its token.</summary>
public sealed record SubmitOptOutRecording(Guid OptOutId, string Token, byte[] Recording, string Sha256);

/// <summary>The durable job for the worker role, on the same "verification" queue as cameo recordings.</summary>
public sealed record VerifyOptOutRecording(Guid OptOutId, string Sha256);

public static class SubmitOptOutRecordingDecider
{
    /// <param name="optOut">The opt-out the token manages (null: a wrong token or no such opt-out, which look alike).</param>
    public static Decision<object> Decide(SubmitOptOutRecording command, LikenessOptOut? optOut, DateTimeOffset now)
    {
        if (optOut is null || optOut.Id != command.OptOutId || optOut.Status == OptOutStatus.Withdrawn)
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such opt-out for this token.", "token");
        if (!optOut.AcceptsRecording)
            return Decision<object>.Refuse(ErrorCodes.Conflict, "A recording of this opt-out is being verified; wait for the result.");
        return Decision<object>.Accept(new LikenessOptOutRecordingReceived(optOut.Id, command.Sha256, command.Recording.LongLength, now));
    }
}

public static class SubmitOptOutRecordingHandler
{
    /// <summary>Seals the recording under the opt-out's key, appends and queues verification in one transaction (the outbox).</summary>
    public static async Task<CommandResult> Handle(SubmitOptOutRecording command, IDocumentSession session, IMessageContext bus, PersonalDataVault vault,
        TimeProvider clock, CancellationToken ct)
    {
        var managed = await LikenessOptOuts.ByTokenAsync(session, command.Token, ct);
        var stream = await session.Events.FetchForWriting<LikenessOptOut>(command.OptOutId, ct);
        var decision = SubmitOptOutRecordingDecider.Decide(command, managed?.Id == command.OptOutId ? stream.Aggregate : null, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        await vault.SealAsync(session, command.OptOutId, LikenessOptOuts.RecordingKind, command.Recording, ct);
        stream.AppendMany(decision.Events);
        await bus.SendAsync(new VerifyOptOutRecording(command.OptOutId, command.Sha256));
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(command.OptOutId);
    }
}
