using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Sora.Domain.Privacy;
using Sora.GraphQL.Media;
using Sora.GraphQL.Transport;

namespace Sora.GraphQL.Schema.Moderation;

/// <summary>
/// GET /disputes/{disputeId}/evidence/{incumbent|claimant}?v&amp;e&amp;s: one sealed recording of a dispute, opened only
/// through a link that <c>openLikenessDisputeEvidence</c> signed for one moderator after recording the access. The link
/// proves who and until when; the rest is checked again now (still a moderator, not a party, the dispute still open).
/// Every refusal is 404, except a bad or expired link (403). Never cached.
/// </summary>
public static class DisputeEvidenceDownload
{
    public static string SignedId(Guid disputeId, string side) => $"dispute-evidence:{disputeId:N}:{side}";

    public static async Task<IResult> HandleAsync(string disputeId, string side, HttpContext http, MediaUrls urls, IDocumentStore store,
        PersonalDataVault vault, CancellationToken ct)
    {
        if (!Guid.TryParse(disputeId, out var id) || side is not ("incumbent" or "claimant")) return NotFound();
        var q = http.Request.Query;
        if (!urls.TryRead(SignedId(id, side), q["v"], q["e"], q["s"], out var viewer) || viewer is not { } who)
            return JsonErrors.Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "The evidence link is invalid or has expired.");

        await using var session = store.QuerySession();
        var account = await session.LoadAsync<Account>(who, ct);
        var dispute = await session.LoadAsync<LikenessDispute>(id, ct);
        if (account is null || dispute is null || dispute.Status != LikenessDisputeStatus.Open || dispute.Involves(who)
            || !ModerationPolicy.MayModerate(new Actor(who, account.Roles.ToHashSet())))
            return NotFound();

        byte[]? bytes = side == "claimant"
            ? await vault.OpenAsync<byte[]>(session, id, LikenessDisputes.EvidenceKind, ct)
            : await vault.OpenAsync<byte[]>(session, dispute.ClaimedCameoId, CompleteVerificationHandler.VerifiedRecordingKind, ct)
              // Likenesses verified before recordings were kept have their reference crop (the frame the template came from).
              ?? await vault.OpenAsync<byte[]>(session, dispute.ClaimedCameoId, CompleteVerificationHandler.FaceCropKind, ct);
        if (bytes is null) return NotFound();
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(bytes, ContentTypeOf(bytes), enableRangeProcessing: true);
    }

    /// <summary>From the bytes, not from anything stored: recordings were probed as MP4/QuickTime or Matroska/WebM on upload.</summary>
    private static string ContentTypeOf(byte[] bytes) => bytes switch
    {
        [0x1A, 0x45, 0xDF, 0xA3, ..] => "video/webm",
        [0xFF, 0xD8, ..] => "image/jpeg",
        _ => "video/mp4",
    };

    private static IResult NotFound() => JsonErrors.Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such evidence.");
}
