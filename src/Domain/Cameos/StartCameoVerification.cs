using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

/// <summary>Starts a cameo (no <paramref name="CameoId"/>) or asks to re-record an existing one.</summary>
public sealed record StartCameoVerification(Actor By, Guid? CameoId);

public sealed record CameoResult(Guid? CameoId, Refusal? Refusal);

public static class StartCameoVerificationHandler
{
    public static async Task<CameoResult> Handle(StartCameoVerification command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (command.CameoId is not { } existingId)
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<Cameo>(id, new CameoVerificationStarted(id, command.By.AccountId, VerificationPhrases.New(), clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            return new CameoResult(id, null);
        }

        var cameo = await session.LoadAsync<Cameo>(existingId, ct);
        if (cameo is null || !cameo.IsManagedBy(command.By.AccountId))
            return new CameoResult(null, new Refusal(ErrorCodes.NotFound, "No such cameo of yours.", "cameoId"));
        return new CameoResult(cameo.Id, null);
    }
}
