using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Cameos;

/// <summary>
/// The owner deletes the cameo: every use is withdrawn (CameoUsageProjection) and the handler destroys its key, so the
/// recording, template and crop become unreadable while the history keeps the deletion.
/// </summary>
public static class DeleteCameo
{
    public static Decision<object> Decide(Cameo cameo, Guid by, DateTimeOffset now) => Decision<object>.Accept(new CameoDeleted(cameo.Id, by, now));

    /// <summary>
    /// Crypto-shredding in the deletion's transaction: without the cameo's key its recording and template are noise, and
    /// the sealed rows go too. A recording this cameo's owner made to claim a face another account holds waits, sealed
    /// under its dispute, for a moderator; deleting the cameo ends that wait and shreds the evidence with it (a moderator
    /// then closes the dispute for the incumbent, the only outcome left).
    /// </summary>
    public static async Task ShredAsync(IDocumentSession session, PersonalDataVault vault, Guid cameoId, CancellationToken ct)
    {
        vault.Shred(session, cameoId);
        var claims = await session.Query<LikenessDispute>()
            .Where(d => d.ClaimantCameoId == cameoId && d.Status == LikenessDisputeStatus.Open).Select(d => d.Id).ToListAsync(ct);
        foreach (var dispute in claims) vault.Shred(session, dispute);
    }
}
