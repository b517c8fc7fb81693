using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Composition;
using Sora.GraphQL.Transport;
using Sora.Render.Media;
using Wolverine;

namespace Sora.GraphQL.Schema.Cameos;

/// <summary>
/// PUT /cameos/{cameoId}/recording: the owner uploads the verification recording (the URL that
/// startCameoVerification returns). Size is limited while reading; what the file is comes from ffprobe, never
/// from its name or Content-Type. Accepted recordings are sealed and queued; the answer is 202 with the status.
/// Errors are JSON { code, message } with the HTTP status that fits: 401, 404, 409, 413, 415.
/// </summary>
public static class RecordingUpload
{
    // ffprobe format names of the containers we accept: MP4/QuickTime family and Matroska/WebM.
    private static readonly string[] AcceptedFormats = ["mov", "mp4", "matroska", "webm"];

    /// <summary>A 4K selfie fits; the verifier scales frames down to 640 px anyway.</summary>
    public const int MaxSide = 4096;

    public static async Task<IResult> HandleAsync(string cameoId, HttpContext http, ViewerResolver viewers,
        IOptions<SoraOptions> options, IMessageContext bus, CancellationToken ct)
    {
        var auth = await viewers.ResolveAsync(ViewerResolver.BearerFrom(http.Request.Headers.Authorization), ct);
        if (auth.Viewer.Actor is not { } actor) return Error(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, auth.Failure ?? "Sign in first.");
        // Uploading is creating: a suspended or banned account is refused before a byte is read (docs/moderation.md).
        if (actor.Restriction is { } restricted)
            return Error(StatusCodes.Status403Forbidden, Schema.Moderation.RestrictedAccounts.Code, Schema.Moderation.RestrictedAccounts.Refusal(restricted).Message);
        if (!Guid.TryParse(cameoId, out var id)) return Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such cameo of yours.");

        var max = options.Value.Cameos.MaxRecordingBytes;
        if (http.Request.ContentLength > max) return TooLarge(max);
        BodyLimit.Allow(http, max);
        byte[] recording;
        try
        {
            await using var limited = new LimitedStream(http.Request.Body, max);
            using var buffer = new MemoryStream();
            await limited.CopyToAsync(buffer, ct);
            recording = buffer.ToArray();
        }
        catch (Exception e) when (BodyLimit.IsTooLarge(e))
        {
            return TooLarge(max);
        }
        if (recording.Length == 0) return Error(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, "The body is empty.");

        var problem = await ProbeAsync(recording, ct);
        if (problem is not null) return Error(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA", problem);

        bus.CorrelationId = http.TraceIdentifier;
        bus.UserName = actor.AccountId.ToString();
        var result = await bus.InvokeAsync<CommandResult>(
            new SubmitCameoRecording(actor, id, recording, Convert.ToHexStringLower(SHA256.HashData(recording))), ct);
        return result.Refusal switch
        {
            { Code: ErrorCodes.NotFound } r => Error(StatusCodes.Status404NotFound, r.Code, r.Message),
            { } r => Error(StatusCodes.Status409Conflict, r.Code, r.Message),
            null => Results.Json(new { cameoId = id, status = "VERIFYING" }, statusCode: StatusCodes.Status202Accepted),
        };
    }

    /// <summary>Null when the bytes are a video in an accepted container, otherwise why not (opt-out recordings are held to the same).</summary>
    internal static async Task<string?> ProbeAsync(byte[] recording, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sora-upload-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(path, recording, ct);
            var info = await MediaProbe.ProbeAsync(path, ct);
            if (info is null) return "The upload is not a readable video.";
            if (!info.HasVideo) return "The upload has no video stream.";
            if (!info.Format.Split(',').Any(AcceptedFormats.Contains)) return $"'{info.Format}' is not accepted; upload MP4 or WebM.";
            // A small file can declare a huge picture (a 198 KB H.264 stream of 8192x8192): capped before any decode.
            if (info.Width > MaxSide || info.Height > MaxSide) return $"Recordings are at most {MaxSide} pixels on a side.";
            return null;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IResult TooLarge(long max) =>
        Error(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"Recordings are limited to {max / (1024 * 1024)} MB.");

    private static IResult Error(int status, string code, string message) => JsonErrors.Error(status, code, message);
}
