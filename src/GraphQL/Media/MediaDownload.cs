using Sora.Domain.Media;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Transport;
using Sora.Render.Media;

namespace Sora.GraphQL.Media;

/// <summary>
/// GET /media/{id}: serves stored media with range requests (players seek), the stored content type and an
/// immutable cache header (ids are content hashes). The viewer comes from a signed media URL or a bearer token;
/// whatever it is, the right to see is checked now. Refusals are 404: a hidden video does not admit it exists.
/// </summary>
public static class MediaDownload
{
    public static async Task<IResult> HandleAsync(string id, HttpContext http, MediaUrls urls, ViewerResolver viewers, IMediaStore media,
        IDocumentStore store, Sora.Domain.Privacy.PersonalDataVault vault, TimeProvider clock, CancellationToken ct)
    {
        if (!LocalMediaStore.IsId(id)) return NotFound();
        Guid? viewer = null;
        IReadOnlyCollection<AccountRole> roles = [];
        var query = http.Request.Query;
        if (query.ContainsKey("s"))
        {
            if (!urls.TryRead(id, query["v"], query["e"], query["s"], out viewer))
                return JsonErrors.Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "The media link is invalid or has expired.");
        }
        else if (http.Request.Headers.Authorization.Count > 0)
        {
            var auth = await viewers.ResolveAsync(ViewerResolver.BearerFrom(http.Request.Headers.Authorization), ct);
            if (auth.Viewer.Actor is not { } actor) return JsonErrors.Error(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, auth.Failure ?? "Sign in first.");
            viewer = actor.AccountId;
        }

        await using var session = store.QuerySession();
        if (viewer is { } who && (await session.LoadAsync<Account>(who, ct)) is { } account) roles = account.Roles;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var visible = await MediaAccess.VisibleObjectAsync(session, id, viewer, roles, ct, (who, token) => Age.IsAdultAsync(session, vault, who, today, token),
            (parent, teen, token) => Sora.Domain.Parental.TeenLikeness.IsParentOfAsync(session, vault, parent, teen, today, token));
        if (visible is null || media.OpenRead(id) is not { } stream) return NotFound();
        http.Response.Headers.CacheControl = "private, max-age=3600, immutable";
        return Results.File(stream, visible.ContentType, enableRangeProcessing: true);
    }

    private static IResult NotFound() => JsonErrors.Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such media.");
}
