using Microsoft.Extensions.DependencyInjection;
using Sora.Domain.Cameos;
using Wolverine;

namespace Sora.Integration.Tests.Support;

/// <summary>Cameo set-up shared by the cameo tests: seeding through the domain's own events, and recording uses
/// the way generation will (RecordCameoUse through Wolverine).</summary>
public static class CameoSeeds
{
    /// <summary>A verified cameo, seeded through its events (the verification itself is covered by its own tests).</summary>
    public static async Task<Guid> VerifiedCameoAsync(this RunningHost host, Guid owner)
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using var session = host.Store.LightweightSession();
        session.Events.StartStream<Cameo>(id, new CameoVerificationStarted(id, owner, "phrase", now),
            new CameoRecordingReceived(id, owner, "seeded", 1, now), new CameoVerified(id, owner, now));
        await session.SaveChangesAsync();
        return id;
    }

    public static Task<CameoUseResult> UseCameoAsync(this RunningHost host, Guid cameo, Guid requester, string prompt = "a day at the lake", Guid? useId = null) =>
        host.Services.GetRequiredService<IMessageBus>().InvokeAsync<CameoUseResult>(new RecordCameoUse(cameo, useId ?? Guid.NewGuid(), requester, prompt));

    public static string Fixture(string relative) =>
        Path.Combine(Environment.GetEnvironmentVariable("SORA_FIXTURES")
                     ?? throw new InvalidOperationException("SORA_FIXTURES is not set: run the tests through ./sora test."), relative);
}
