using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;
using Wolverine;

namespace Sora.Domain.Cameos;

/// <summary>The owner's recording, already size-checked and probed as video by the upload endpoint.</summary>
public sealed record SubmitCameoRecording(Actor By, Guid CameoId, byte[] Recording, string Sha256);

/// <summary>The durable job for the worker role: verify the sealed recording of this cameo.</summary>
public sealed record VerifyCameoRecording(Guid CameoId, string Sha256);

public static class SubmitCameoRecordingDecider
{
    public static Decision<object> Decide(SubmitCameoRecording command, Cameo? cameo, long bytes, DateTimeOffset now)
    {
        // Someone else's cameo looks exactly like a missing one.
        if (cameo is null || !cameo.IsManagedBy(command.By.AccountId))
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such cameo of yours.", "cameoId");
        if (!cameo.AcceptsRecording)
            return Decision<object>.Refuse(ErrorCodes.Conflict, "A recording of this cameo is being verified; wait for the result.");
        return Decision<object>.Accept(new CameoRecordingReceived(cameo.Id, cameo.OwnerId, command.Sha256, bytes, now));
    }
}

public static class SubmitCameoRecordingHandler
{
    public const string RecordingKind = "cameo-recording";

    /// <summary>
    /// Seals the recording under the cameo's own key, appends the event and queues verification in one
    /// transaction: the session is enrolled in Wolverine's outbox, so the job is stored with the events and only
    /// sent once they commit. Either all of it happens or none of it.
    /// </summary>
    public static async Task<CommandResult> Handle(SubmitCameoRecording command, IDocumentSession session, IMessageContext bus,
        PersonalDataVault vault, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Cameo>(command.CameoId, ct);
        var decision = SubmitCameoRecordingDecider.Decide(command, stream.Aggregate, command.Recording.LongLength, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new CommandResult(null, refusal);

        await vault.SealAsync(session, command.CameoId, RecordingKind, command.Recording, ct);
        stream.AppendMany(decision.Events);
        await bus.SendAsync(new VerifyCameoRecording(command.CameoId, command.Sha256));
        await session.SaveChangesAsync(ct);
        return new CommandResult(command.CameoId, null);
    }
}
