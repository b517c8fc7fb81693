using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Media;

/// <summary>An image the actor uploaded, already stored under its content id and checked to decode.</summary>
public sealed record RegisterUpload(Actor By, string Sha256, string ContentType, long Bytes, int Width, int Height);

/// <summary>The registered upload, or why it was refused (a copy of removed content).</summary>
public sealed record RegisteredUpload(MediaObject? Upload, Refusal? Refusal);

/// <summary>
/// Records whose upload it is: the same bytes uploaded by two people are two uploads (keyed per owner), so one person's
/// image id never lets another use it as their input. An image that matches removed content is not registered (so
/// it can be no one's input) and opens a case on the upload (staydown).
/// </summary>
public static class RegisterUploadHandler
{
    public static async Task<RegisteredUpload> Handle(RegisterUpload command, IDocumentSession session, Moderation.IMediaFingerprinter fingerprinter,
        IMediaStore media, TimeProvider clock, CancellationToken ct)
    {
        var owner = command.By.AccountId;
        if (await Moderation.StaydownCheck.CheckAsync(session, fingerprinter, media, command.Sha256,
                new(Moderation.ReportTarget.Upload, Moderation.Staydown.UploadItemId(owner, command.Sha256), owner, "body"), clock, ct) is { } copy)
        {
            await session.SaveChangesAsync(ct);
            return new RegisteredUpload(null, copy);
        }
        var upload = new MediaObject
        {
            Id = MediaObject.KeyFor(MediaKind.Upload, command.By.AccountId, command.Sha256), Sha256 = command.Sha256, Kind = MediaKind.Upload,
            ContentType = command.ContentType, Bytes = command.Bytes, Width = command.Width, Height = command.Height,
            OwnerId = command.By.AccountId, CreatedAt = clock.GetUtcNow(),
        };
        session.Store(upload);
        await session.SaveChangesAsync(ct);
        return new RegisteredUpload(upload, null);
    }
}
