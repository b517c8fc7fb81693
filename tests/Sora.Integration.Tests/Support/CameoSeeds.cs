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

    /// <summary>A verified cameo with a sealed face crop (what a verification leaves), so renders can show it.</summary>
    public static async Task<Guid> VerifiedCameoWithFaceAsync(this RunningHost host, Guid owner, string face = "faces/person-a.png")
    {
        var id = await host.VerifiedCameoAsync(owner);
        var crop = await Sora.Render.Media.StillImage.EncodeJpegAsync(await Sora.Render.Media.StillImage.DecodeAsync(Fixture(face), 256));
        await using var session = host.Store.LightweightSession();
        await host.Services.GetRequiredService<Sora.Domain.Privacy.PersonalDataVault>()
            .SealAsync(session, id, Sora.Domain.Cameos.CompleteVerificationHandler.FaceCropKind, crop);
        await session.SaveChangesAsync();
        return id;
    }

    /// <summary>
    /// A verified cameo whose likeness is a fixture photo: the template is what the real face models compute from the
    /// photo's largest face, sealed with the crop in the verifying transaction, exactly as a verification leaves it.
    /// </summary>
    public static async Task<Guid> VerifiedCameoFromPhotoAsync(this RunningHost host, Guid owner, string face, DateTimeOffset? at = null)
    {
        var image = await Sora.Render.Media.StillImage.DecodeAsync(Fixture(face));
        var box = host.Services.GetRequiredService<Sora.Render.Cameos.IFaceDetector>().Detect(image).OrderByDescending(b => b.Area).First();
        var landmarks = host.Services.GetRequiredService<Sora.Render.Cameos.IFaceLandmarker>().Locate(image, box);
        var template = host.Services.GetRequiredService<Sora.Render.Cameos.IFaceEmbedder>().Embed(image, landmarks);
        var crop = await Sora.Render.Media.StillImage.EncodeJpegAsync(await Sora.Render.Media.StillImage.DecodeAsync(Fixture(face), 256));

        var id = Guid.CreateVersion7();
        var now = at ?? DateTimeOffset.UtcNow;
        var vault = host.Services.GetRequiredService<Sora.Domain.Privacy.PersonalDataVault>();
        await using var session = host.Store.LightweightSession();
        session.Events.StartStream<Cameo>(id, new CameoVerificationStarted(id, owner, "phrase", now),
            new CameoRecordingReceived(id, owner, "seeded", 1, now), new CameoVerified(id, owner, now));
        await vault.SealAsync(session, id, Sora.Domain.Cameos.CompleteVerificationHandler.TemplateKind, template);
        await vault.SealAsync(session, id, Sora.Domain.Cameos.CompleteVerificationHandler.FaceCropKind, crop);
        await session.SaveChangesAsync();
        return id;
    }

    public static Task<CameoUseResult> UseCameoAsync(this RunningHost host, Guid cameo, Guid requester, string prompt = "a day at the lake", Guid? useId = null) =>
        host.Services.GetRequiredService<IMessageBus>().InvokeAsync<CameoUseResult>(new RecordCameoUse(cameo, useId ?? Guid.NewGuid(), requester, prompt));

    public static string Fixture(string relative) =>
        Path.Combine(Environment.GetEnvironmentVariable("SORA_FIXTURES")
                     ?? throw new InvalidOperationException("SORA_FIXTURES is not set: run the tests through ./sora test."), relative);
}
