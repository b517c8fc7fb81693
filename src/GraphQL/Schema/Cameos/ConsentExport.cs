using System.Globalization;
using System.Text;
using System.Text.Json;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.GraphQL.Auth;

namespace Sora.GraphQL.Schema.Cameos;

/// <summary>
/// GET /audit/cameos/{cameoId}/export?format=jsonl|csv (auditor role only): the cameo's whole consent history as
/// stored, one record per event, then one "chain_verification" record saying whether the receipt chain is
/// intact and, if not, the first broken receipt. Recomputed from the events on every export.
/// </summary>
public static class ConsentExport
{
    public static async Task<IResult> HandleAsync(string cameoId, string? format, HttpContext http, ViewerResolver viewers,
        IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var auth = await viewers.ResolveAsync(ViewerResolver.BearerFrom(http.Request.Headers.Authorization), ct);
        if (auth.Viewer.Actor is not { } actor) return Error(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, auth.Failure ?? "Sign in first.");
        if (!actor.Has(AccountRole.Auditor)) return Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Only auditors can export consent history.");
        if (!Guid.TryParse(cameoId, out var id)) return Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such cameo.");
        format = (format ?? "jsonl").ToLowerInvariant();
        if (format is not ("jsonl" or "csv")) return Error(StatusCodes.Status400BadRequest, ErrorCodes.BadUserInput, "format is jsonl or csv.");

        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) return Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such cameo.");

        var receipts = events.Select(e => e.Data).OfType<CameoUseAuthorized>().ToList();
        var broken = ConsentReceipts.FirstBroken(receipts);
        var rows = events.Select(e => new
        {
            record = "event",
            sequence = e.Sequence,
            version = e.Version,
            at = e.Timestamp,
            type = e.EventTypeName,
            actor = e.UserName,
            correlationId = e.CorrelationId,
            data = JsonSerializer.SerializeToElement(e.Data, e.Data.GetType()),
        }).ToList();
        var verification = new
        {
            record = "chain_verification",
            receipts = receipts.Count,
            chainValid = broken is null,
            firstBrokenReceipt = broken is { } i ? receipts[i].UseId : (Guid?)null,
            verifiedAt = clock.GetUtcNow(),
        };

        var name = $"cameo-{id:N}-consent.{format}";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        if (format == "jsonl")
        {
            var text = new StringBuilder();
            foreach (var row in rows) text.AppendLine(JsonSerializer.Serialize(row));
            text.AppendLine(JsonSerializer.Serialize(verification));
            return Results.Text(text.ToString(), "application/x-ndjson", Encoding.UTF8);
        }

        var csv = new StringBuilder("record,sequence,version,at,type,actor,correlation_id,data\n");
        foreach (var row in rows)
            csv.AppendLine(string.Join(',', "event", row.sequence.ToString(CultureInfo.InvariantCulture), row.version.ToString(CultureInfo.InvariantCulture),
                row.at.ToString("O"), row.type, Quote(row.actor), Quote(row.correlationId), Quote(row.data.GetRawText())));
        csv.AppendLine(string.Join(',', "chain_verification", "", "", verification.verifiedAt.ToString("O"), "", "", "", Quote(JsonSerializer.Serialize(verification))));
        return Results.Text(csv.ToString(), "text/csv", Encoding.UTF8);
    }

    // RFC 4180: quote every free-text field and double its quotes.
    private static string Quote(string? value) => value is null ? "" : "\"" + value.Replace("\"", "\"\"") + "\"";

    private static IResult Error(int status, string code, string message) => Results.Json(new { code, message }, statusCode: status);
}
