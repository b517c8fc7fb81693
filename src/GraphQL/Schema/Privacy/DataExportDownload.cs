using Marten;
using Sora.Domain.Common;
using Sora.Domain.Media;
using Sora.Domain.Privacy;
using Sora.GraphQL.Media;
using Sora.GraphQL.Transport;
using Sora.Render.Privacy;
using Wolverine;

namespace Sora.GraphQL.Schema.Privacy;

/// <summary>
/// GET /exports/{exportId}/archive?v&amp;e&amp;s: the one download of an export, through the link dataExport signed for its
/// account. The download closes the export first (so a second request, even at once, finds it gone), then streams
/// the archive decrypted and deletes it. A bad or expired link is 403; anything else that is not the account's ready
/// export is 404. Never cached.
/// </summary>
public static class DataExportDownload
{
    public static string SignedId(Guid exportId) => $"data-export:{exportId:N}";

    public static async Task<IResult> HandleAsync(string exportId, HttpContext http, MediaUrls urls, IMessageBus bus, IMediaStore media,
        PersonalDataVault vault, CancellationToken ct)
    {
        if (!Guid.TryParse(exportId, out var id)) return NotFound();
        var q = http.Request.Query;
        if (!urls.TryRead(SignedId(id), q["v"], q["e"], q["s"], out var viewer) || viewer is not { } who)
            return JsonErrors.Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "The download link is invalid or has expired.");
        var closed = await bus.InvokeAsync<ClosedDataExport>(new CloseDataExport(id, who, Expired: false), ct);
        if (closed.Refusal is not null || closed.ArchiveId is not { } archive || media.OpenRead(archive) is not { } stream) return NotFound();
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"sora-export-{id:N}.zip\"";
        http.Response.ContentType = "application/zip";
        try
        {
            await using (stream) await ExportArchive.DecryptAsync(stream, http.Response.Body, vault.DerivedKey("export", id), id, ct);
        }
        finally
        {
            await media.DeleteAsync(archive, CancellationToken.None);
        }
        return Results.Empty;
    }

    private static IResult NotFound() => JsonErrors.Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such export, or it was already downloaded.");
}
