using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Media;

/// <summary>An image the actor uploaded, already stored under its content id and checked to decode.</summary>
public sealed record RegisterUpload(Actor By, string Sha256, string ContentType, long Bytes, int Width, int Height);

/// <summary>
/// Records whose upload it is: the same bytes uploaded by two people are two uploads (keyed per owner), so one person's
/// image id never lets another use it as their input.
/// </summary>
public static class RegisterUploadHandler
{
    public static async Task<MediaObject> Handle(RegisterUpload command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var upload = new MediaObject
        {
            Id = MediaObject.KeyFor(MediaKind.Upload, command.By.AccountId, command.Sha256), Sha256 = command.Sha256, Kind = MediaKind.Upload,
            ContentType = command.ContentType, Bytes = command.Bytes, Width = command.Width, Height = command.Height,
            OwnerId = command.By.AccountId, CreatedAt = clock.GetUtcNow(),
        };
        session.Store(upload);
        await session.SaveChangesAsync(ct);
        return upload;
    }
}
