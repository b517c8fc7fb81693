using Sora.Domain.Media;
using Microsoft.Extensions.Options;
using Sora.Domain.Common;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Composition;
using Sora.GraphQL.Transport;
using Sora.Render.Media;

namespace Sora.GraphQL.Media;

/// <summary>
/// POST /media/uploads: an input image for image-to-video (raw body, bearer token). Size is limited while
/// reading; the content decides what it is (ffprobe and a full decode), never the name or Content-Type. Answers
/// 201 { id, contentType, width, height }; the id goes into requestGeneration's <c>image</c>.
/// Errors: 401, 400 (empty), 413 MEDIA_TOO_LARGE, 415 UNSUPPORTED_MEDIA, 422 MATCHES_REMOVED_CONTENT (staydown: a
/// copy of removed content; a case is opened on the upload).
/// </summary>
public static class MediaUpload
{
    private static readonly Dictionary<string, string> ImageFormats = new()
    {
        ["png_pipe"] = "image/png", ["jpeg_pipe"] = "image/jpeg", ["webp_pipe"] = "image/webp", ["bmp_pipe"] = "image/bmp",
    };

    public static async Task<IResult> HandleAsync(HttpContext http, ViewerResolver viewers, IOptions<SoraOptions> options, IMediaStore media,
        Wolverine.IMessageContext bus, CancellationToken ct)
    {
        var auth = await viewers.ResolveAsync(ViewerResolver.BearerFrom(http.Request.Headers.Authorization), ct);
        if (auth.Viewer.Actor is not { } actor) return JsonErrors.Error(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, auth.Failure ?? "Sign in first.");
        // Uploading is creating: a suspended or banned account is refused before a byte is read (docs/moderation.md).
        if (actor.Restriction is { } restricted)
            return JsonErrors.Error(StatusCodes.Status403Forbidden, Schema.Moderation.RestrictedAccounts.Code, Schema.Moderation.RestrictedAccounts.Refusal(restricted).Message);
        var max = options.Value.Media.MaxImageBytes;
        if (http.Request.ContentLength > max) return TooLarge(max);
        BodyLimit.Allow(http, max);

        var path = Path.Combine(Path.GetTempPath(), $"sora-image-{Guid.NewGuid():N}");
        try
        {
            long length;
            try
            {
                await using var limited = new LimitedStream(http.Request.Body, max);
                await using var file = File.Create(path);
                await limited.CopyToAsync(file, ct);
                length = file.Length;
            }
            catch (Exception e) when (BodyLimit.IsTooLarge(e))
            {
                return TooLarge(max);
            }
            if (length == 0) return JsonErrors.Error(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, "The body is empty.");

            var info = await MediaProbe.ProbeAsync(path, ct);
            if (info is null || !ImageFormats.TryGetValue(info.Format, out var contentType) || info.Width <= 0)
                return Unsupported("The upload is not a PNG, JPEG, WebP or BMP image.");
            if (info.Width > 8192 || info.Height > 8192) return Unsupported("Images are at most 8192 pixels on a side.");
            try
            {
                await StillImage.DecodeAsync(path, 64, ct); // a header is not an image: it must decode
            }
            catch (InvalidDataException)
            {
                return Unsupported("The image is damaged and does not decode.");
            }

            var id = await media.PutFileAsync(path, ct);
            // The acting account rides along, as for every command (no event here, but the same audit trail when one comes).
            bus.UserName = actor.AccountId.ToString();
            var registered = await bus.InvokeAsync<RegisteredUpload>(new RegisterUpload(actor, id, contentType, length, info.Width, info.Height), ct);
            if (registered.Refusal is { } refused) return JsonErrors.Error(StatusCodes.Status422UnprocessableEntity, refused.Code, refused.Message);
            return Results.Json(new { id, contentType, width = info.Width, height = info.Height }, statusCode: StatusCodes.Status201Created);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IResult TooLarge(long max) =>
        JsonErrors.Error(StatusCodes.Status413PayloadTooLarge, "MEDIA_TOO_LARGE", $"Images are limited to {max / (1024 * 1024)} MB.");

    private static IResult Unsupported(string message) => JsonErrors.Error(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA", message);
}
