using System.Linq.Expressions;
using Marten;
using Sora.Domain.Accounts;

namespace Sora.Domain.Cameos;

/// <summary>
/// The one rule for which likeness an account has: every decision, query and check that turns an account (or an
/// @handle) into a cameo, and every face match, goes through here.
///
/// The model: one active likeness per account. An account has one cameo; re-recording it replaces the likeness
/// once the new recording verifies, and until then the verified likeness stays in force (for consent and for
/// protection alike). A failed re-record leaves it as it was; only deletion ends it. Accounts that made several
/// cameos before this rule have, as their one likeness, the most recently verified one (ties: the larger id), and
/// starting a cameo again returns the cameo the account already has.
/// </summary>
public static class Likenesses
{
    /// <summary>A verified likeness stands on this cameo (verifying or failed re-records included, deleted ones not).</summary>
    public static readonly Expression<Func<Cameo, bool>> InForce = c => c.LikenessInForce;

    /// <summary>The account's one likeness in force, or null.</summary>
    public static async Task<Cameo?> OfAccountAsync(IQuerySession session, Guid account, CancellationToken ct)
    {
        var rows = await session.Query<Cameo>().Where(c => c.OwnerId == account).Where(InForce)
            .OrderByDescending(c => c.VerifiedAt).ThenByDescending(c => c.Id).Take(1).ToListAsync(ct);
        return rows.FirstOrDefault();
    }

    /// <summary>The likeness behind an @handle (normalized or not), or null when the handle has none.</summary>
    public static async Task<(Guid? Owner, Cameo? Cameo)> OfHandleAsync(IQuerySession session, string handle, CancellationToken ct)
    {
        var claim = await session.LoadAsync<HandleClaim>(Handles.Normalize(handle), ct);
        return claim is null ? (null, null) : (claim.AccountId, await OfAccountAsync(session, claim.AccountId, ct));
    }

    /// <summary>Of several in-force cameos, the one each owner has (the same order as <see cref="OfAccountAsync"/>).</summary>
    public static IEnumerable<Cameo> OnePerAccount(IEnumerable<Cameo> inForce) =>
        inForce.Where(c => c.LikenessInForce).GroupBy(c => c.OwnerId)
            .Select(g => g.OrderByDescending(c => c.VerifiedAt).ThenByDescending(c => c.Id).First());

    /// <summary>The live (not deleted) cameo an account already has, verified or not: starting again returns it.</summary>
    public static async Task<Cameo?> LiveCameoOfAsync(IQuerySession session, Guid account, CancellationToken ct)
    {
        var rows = await session.Query<Cameo>().Where(c => c.OwnerId == account && c.Status != CameoStatus.Deleted)
            .OrderByDescending(c => c.LikenessInForce).ThenByDescending(c => c.VerifiedAt).ThenByDescending(c => c.Id).Take(1).ToListAsync(ct);
        return rows.FirstOrDefault();
    }
}
