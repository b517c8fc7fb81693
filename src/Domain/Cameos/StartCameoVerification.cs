using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

/// <summary>
/// Starts the account's cameo (no <paramref name="CameoId"/>) or asks to re-record an existing one. An account has
/// one cameo (<see cref="Likenesses"/>): starting again while it has one answers with that cameo, whose next
/// recording is a re-record.
/// </summary>
public sealed record StartCameoVerification(Actor By, Guid? CameoId);

public static class StartCameoVerificationHandler
{
    public static async Task<CommandResult> Handle(StartCameoVerification command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (command.CameoId is not { } existingId)
        {
            // Two starts at once would both see "no cameo yet": the owner's lock makes the second see the first.
            await AdvisoryLock.AcquireAsync(session, AdvisoryLock.CameoOwner, command.By.AccountId, ct);
            if (await Likenesses.LiveCameoOfAsync(session, command.By.AccountId, ct) is { } live) return new CommandResult(live.Id, null);
            var id = Guid.CreateVersion7();
            session.Events.StartStream<Cameo>(id, new CameoVerificationStarted(id, command.By.AccountId, VerificationPhrases.New(), clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            return new CommandResult(id, null);
        }

        var cameo = await session.LoadAsync<Cameo>(existingId, ct);
        if (cameo is null || !cameo.IsManagedBy(command.By.AccountId))
            return new CommandResult(null, new Refusal(ErrorCodes.NotFound, "No such cameo of yours.", "cameoId"));
        return new CommandResult(cameo.Id, null);
    }
}
