using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Sora.Domain.Cameos;

/// <summary>
/// Inline. Revocation wins in the same transaction: each event that ends a right withdraws, by one set-based
/// patch, every standing use that depended on it, and every use descended from those along the remix lineage
/// (a remix inherits its source's likenesses as uses of its own, whose parent is the source's use), transitively.
/// The owner's own uses never depend on anyone's consent, but they do follow lineage: a remix of a video whose use
/// was withdrawn goes with it.
/// </summary>
public partial class CameoUsageProjection : EventProjection
{
    public const string RemovedByOwner = "REMOVED_BY_OWNER";
    public const string DeclinedByOwner = "DECLINED_BY_OWNER";

    public void Project(IEvent<CameoUseAuthorized> e, IDocumentOperations ops)
    {
        var u = e.Data;
        ops.Store(new CameoUsage
        {
            Id = u.UseId,
            CameoId = u.CameoId,
            RequesterId = u.RequesterId,
            RightKind = u.Right,
            GrantId = u.GrantId,
            Audience = u.Audience,
            AudienceVersion = u.AudienceVersion,
            ReceiptHash = u.ReceiptHash,
            Status = u.PendingApproval ? CameoUsageStatus.PendingApproval : CameoUsageStatus.Active,
            Path = u.Path,
            SourceVideoId = u.SourceVideoId,
            ParentUseId = u.ParentUseId,
            GenerationId = u.GenerationId,
            At = u.At,
            Seq = e.Sequence,
        });
    }

    public void Project(CameoGrantRevoked e, IDocumentOperations ops) =>
        Withdraw(ops, "grant_id = ?", [e.CameoId, e.GrantId], "GRANT_REVOKED", e.At);

    public void Project(CameoBlockAdded e, IDocumentOperations ops) =>
        Withdraw(ops, "requester_id = ? and right_kind <> ?", [e.CameoId, e.AccountId, (int)ConsentRightKind.Owner], "BLOCKED", e.At);

    public void Project(CameoDeactivated e, IDocumentOperations ops) =>
        Withdraw(ops, "right_kind <> ?", [e.CameoId, (int)ConsentRightKind.Owner], "CAMEO_DEACTIVATED", e.At);

    public void Project(CameoDeleted e, IDocumentOperations ops) => Withdraw(ops, "true", [e.CameoId], "CAMEO_DELETED", e.At);

    /// <summary>A likeness lost in a dispute was never its holder's to give: every use goes, the owner's own included.</summary>
    public void Project(Moderation.CameoDisputeDecided e, IDocumentOperations ops)
    {
        if (e is { Kept: false, WasIncumbent: true }) Withdraw(ops, "true", [e.CameoId], Moderation.LikenessDisputes.DisputeLost, e.At);
    }

    public void Project(CameoUseRemoved e, IDocumentOperations ops) => Withdraw(ops, "id = ?", [e.CameoId, e.UseId], RemovedByOwner, e.At);

    public void Project(CameoUseDeclined e, IDocumentOperations ops) => Withdraw(ops, "id = ?", [e.CameoId, e.UseId], DeclinedByOwner, e.At);

    public void Project(CameoUseApproved e, IDocumentOperations ops) =>
        ops.QueueSqlCommand(
            $"update {Table(ops)} set data = data || jsonb_build_object('Status', {(int)CameoUsageStatus.Active}) " +
            $"where cameo_id = ? and id = ? and (data ->> 'Status')::int = {(int)CameoUsageStatus.PendingApproval}", e.CameoId, e.UseId);

    /// <summary>Uses allowed by the audience stand only while the audience still allows them.</summary>
    public void Project(CameoAudienceSet e, IDocumentOperations ops)
    {
        switch (e.Audience)
        {
            case CameoAudience.OnlyMe or CameoAudience.Approved:
                Withdraw(ops, "right_kind = ?", [e.CameoId, (int)ConsentRightKind.Audience], "AUDIENCE_NARROWED", e.At);
                break;
            case CameoAudience.Mutuals:
                // Uses allowed under EVERYONE may have come from non-mutuals; the receipt cannot tell, so they go.
                Withdraw(ops, "right_kind = ? and (data ->> 'Audience')::int = ?",
                    [e.CameoId, (int)ConsentRightKind.Audience, (int)CameoAudience.Everyone], "AUDIENCE_NARROWED", e.At);
                break;
        }
    }

    /// <summary>
    /// One set-based UPDATE queued into the same transaction as the event. Marten 9 moved document patching out of
    /// core; a plain statement on the duplicated columns is explicit and touches only standing uses.
    /// </summary>
    private static void Withdraw(IDocumentOperations ops, string condition, object[] args, string reason, DateTimeOffset at)
    {
        // The same statement takes every video showing a withdrawn use off the public (FeedVideo is the one
        // visibility read model), so a feed page fetched right after a revoke no longer has it. The recursive part
        // walks parent_use_id down the lineage (UNION, not UNION ALL: a cycle cannot loop); descendants are uses of
        // the same cameo, so the walk stays on that cameo's rows and its indexes.
        var table = Table(ops);
        var standing = $"(data ->> 'Status')::int <> {(int)CameoUsageStatus.Withdrawn}";
        ops.QueueSqlCommand(Feed.FeedRemovals.DeleteAndAnnounce(ops,
            $"with recursive ended as (select id from {table} where cameo_id = ? and {condition} and {standing} " +
            $"union select u.id from {table} u join ended e on u.parent_use_id = e.id), " +
            $"withdrawn as (update {table} set data = data || jsonb_build_object('Status', {(int)CameoUsageStatus.Withdrawn}, 'WithdrawnReason', " +
            $"case when id in (select id from {table} where cameo_id = ? and {condition}) then ?::text else 'SOURCE_WITHDRAWN' end, 'WithdrawnAt', ?::text) " +
            $"where id in (select id from ended) and {standing} returning id)",
            "use_ids && array(select id from withdrawn)"),
            [.. args, .. args, reason, at.ToString("O")]);
    }

    private static string Table(IDocumentOperations ops) => $"{ops.DocumentStore.Options.DatabaseSchemaName}.mt_doc_cameousage";
}
