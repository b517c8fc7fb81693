using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sora.Domain.Cameos;

/// <summary>
/// Receipts are hash-chained per cameo: each receipt's hash covers its own fields and the previous receipt's hash,
/// so editing, removing or reordering any past receipt breaks every hash after it.
/// Hash = SHA-256 (hex) of the fields joined with '\n' in a fixed order, invariant formatting, then the previous hash.
/// A mention without lineage hashes as "sora-consent-receipt/v1" (exactly as receipts stored before other paths
/// existed); any other path, or any lineage, hashes as "v2", which adds the path, the source video and the parent
/// use before the previous hash. Changing a receipt's path therefore breaks its hash like any other edit.
/// </summary>
public static class ConsentReceipts
{
    /// <summary>The "previous hash" of a cameo's first receipt.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Hash(Guid cameoId, Guid useId, Guid requesterId, ConsentRightKind right, Guid? grantId,
        CameoAudience audience, int audienceVersion, int restrictionsVersion, string promptSha256, bool pendingApproval,
        DateTimeOffset at, string previousHash, CameoUsePath path = CameoUsePath.Mention, Guid? sourceVideoId = null, Guid? parentUseId = null)
    {
        var v1 = path == CameoUsePath.Mention && sourceVideoId is null && parentUseId is null;
        var fields = new List<string>
        {
            v1 ? "sora-consent-receipt/v1" : "sora-consent-receipt/v2", cameoId.ToString("N"), useId.ToString("N"), requesterId.ToString("N"),
            right.ToString(), grantId?.ToString("N") ?? "-", audience.ToString(), audienceVersion.ToString(CultureInfo.InvariantCulture),
            restrictionsVersion.ToString(CultureInfo.InvariantCulture), promptSha256, pendingApproval ? "1" : "0",
            at.UtcTicks.ToString(CultureInfo.InvariantCulture),
        };
        if (!v1) fields.AddRange([path.ToString(), sourceVideoId?.ToString("N") ?? "-", parentUseId?.ToString("N") ?? "-"]);
        fields.Add(previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', fields))));
    }

    public static string Hash(CameoUseAuthorized r) =>
        Hash(r.CameoId, r.UseId, r.RequesterId, r.Right, r.GrantId, r.Audience, r.AudienceVersion, r.RestrictionsVersion,
            r.PromptSha256, r.PendingApproval, r.At, r.PreviousHash, r.Path, r.SourceVideoId, r.ParentUseId);

    public static string PromptDigest(string prompt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prompt.Normalize(NormalizationForm.FormC))));

    /// <summary>Checks a cameo's receipts in order; returns the index of the first broken one, or null if intact.</summary>
    public static int? FirstBroken(IReadOnlyList<CameoUseAuthorized> receipts)
    {
        var previous = Genesis;
        for (var i = 0; i < receipts.Count; i++)
        {
            if (receipts[i].PreviousHash != previous || Hash(receipts[i]) != receipts[i].ReceiptHash) return i;
            previous = receipts[i].ReceiptHash;
        }
        return null;
    }
}
