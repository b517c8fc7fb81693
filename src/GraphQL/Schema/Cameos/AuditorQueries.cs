using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Cameos;

public sealed record ConsentHistoryEntry(long Sequence, int Version, DateTimeOffset At, string Type, string? Actor, string? CorrelationId, string Data);

public sealed class ConsentHistoryEntryType : ObjectGraphType<ConsentHistoryEntry>
{
    public ConsentHistoryEntryType()
    {
        Name = "ConsentHistoryEntry";
        Description = "One event of a cameo's consent history, as stored.";
        Field<NonNullGraphType<StringGraphType>>("sequence").Resolve(ctx => ctx.Source.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(x => x.Version);
        Field(x => x.At);
        Field(x => x.Type).Description("The stable event alias, e.g. cameo_grant_revoked.");
        Field(x => x.Actor, nullable: true).Description("The account that caused it (event metadata).");
        Field(x => x.CorrelationId, nullable: true);
        Field(x => x.Data).Description("The event body as JSON.");
    }
}

/// <summary>The consent state of a cameo at an instant, replayed from its events, with the uses receipted until then.</summary>
public sealed record ConsentSnapshot(DateTimeOffset At, Cameo Cameo, IReadOnlyList<CameoUseAuthorized> Uses);

/// <summary>A consent receipt as stored: one use, the right that allowed it, how the likeness entered, and the chain.</summary>
public sealed class CameoUseReceiptType : ObjectGraphType<CameoUseAuthorized>
{
    public CameoUseReceiptType()
    {
        Name = "CameoUseReceipt";
        Field<NonNullGraphType<IdGraphType>>("useId").Resolve(ctx => ctx.Source.UseId);
        Field<NonNullGraphType<IdGraphType>>("requesterId").Resolve(ctx => ctx.Source.RequesterId);
        Field<NonNullGraphType<ConsentRightKindType>>("right").Resolve(ctx => ctx.Source.Right);
        Field<IdGraphType>("grantId").Resolve(ctx => ctx.Source.GrantId);
        Field<NonNullGraphType<CameoAudienceType>>("audience").Resolve(ctx => ctx.Source.Audience);
        Field<NonNullGraphType<IntGraphType>>("audienceVersion").Resolve(ctx => ctx.Source.AudienceVersion);
        Field<NonNullGraphType<IntGraphType>>("restrictionsVersion").Resolve(ctx => ctx.Source.RestrictionsVersion);
        Field<NonNullGraphType<CameoUsePathType>>("path").Resolve(ctx => ctx.Source.Path);
        Field<IdGraphType>("sourceVideoId").Resolve(ctx => ctx.Source.SourceVideoId);
        Field<IdGraphType>("parentUseId").Resolve(ctx => ctx.Source.ParentUseId);
        Field<NonNullGraphType<BooleanGraphType>>("pendingApproval").Resolve(ctx => ctx.Source.PendingApproval);
        Field<NonNullGraphType<StringGraphType>>("promptSha256").Resolve(ctx => ctx.Source.PromptSha256);
        Field<NonNullGraphType<StringGraphType>>("previousHash").Resolve(ctx => ctx.Source.PreviousHash);
        Field<NonNullGraphType<StringGraphType>>("receiptHash").Resolve(ctx => ctx.Source.ReceiptHash);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(ctx => ctx.Source.At);
    }
}

public sealed class ConsentSnapshotType : ObjectGraphType<ConsentSnapshot>
{
    public ConsentSnapshotType()
    {
        Name = "ConsentSnapshot";
        Field(x => x.At);
        Field<NonNullGraphType<IdGraphType>>("ownerId").Resolve(ctx => ctx.Source.Cameo.OwnerId);
        Field<NonNullGraphType<CameoStatusType>>("status").Resolve(ctx => ctx.Source.Cameo.Status);
        Field<NonNullGraphType<BooleanGraphType>>("active").Resolve(ctx => ctx.Source.Cameo.Active);
        Field<NonNullGraphType<CameoAudienceType>>("audience").Resolve(ctx => ctx.Source.Cameo.Audience);
        Field<NonNullGraphType<IntGraphType>>("audienceVersion").Resolve(ctx => ctx.Source.Cameo.AudienceVersion);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("restrictions").Resolve(ctx => ctx.Source.Cameo.Restrictions);
        Field<NonNullGraphType<IntGraphType>>("restrictionsVersion").Resolve(ctx => ctx.Source.Cameo.RestrictionsVersion);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CameoGrantType>>>>("validGrants").Description("Grants in force at that instant.")
            .Resolve(ctx => ctx.Source.Cameo.Grants.Where(g => g.IsValid(ctx.Source.At)).ToArray());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("blocked").Resolve(ctx => ctx.Source.Cameo.Blocked);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CameoUseReceiptType>>>>("uses")
            .Description("Every use receipted up to that instant, oldest first, by whatever path the likeness entered (mention, image, remix).")
            .Resolve(ctx => ctx.Source.Uses);
    }
}

/// <summary>Compliance queries: auditors only (not admins, not owners), replayed from events.</summary>
public static class AuditorQueries
{
    public static void Add(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConsentHistoryEntryType>>>>("consentHistory")
            .Description("Every event of a cameo's stream between two instants (inclusive), oldest first. Auditors only.")
            .Argument<NonNullGraphType<IdGraphType>>("cameoId")
            .Argument<DateTimeOffsetGraphType>("from")
            .Argument<DateTimeOffsetGraphType>("to")
            .ResolveAsync(async ctx =>
            {
                RequireAuditor(ctx);
                var id = ctx.IdArgument("cameoId");
                var from = ctx.GetArgument<DateTimeOffset?>("from") ?? DateTimeOffset.MinValue;
                var to = ctx.GetArgument<DateTimeOffset?>("to") ?? DateTimeOffset.MaxValue;
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var events = await session.Events.FetchStreamAsync(id, token: ctx.CancellationToken);
                if (events.Count == 0) throw SoraError.NotFound("The cameo");
                return events.Where(e => e.Timestamp >= from && e.Timestamp <= to)
                    .Select(e => new ConsentHistoryEntry(e.Sequence, (int)e.Version, e.Timestamp, e.EventTypeName, e.UserName, e.CorrelationId,
                        JsonSerializer.Serialize(e.Data, e.Data.GetType())))
                    .ToList();
            });

        query.Field<NonNullGraphType<ConsentSnapshotType>>("whoCouldUse")
            .Description("The consent state at any past instant, replayed from events: owner, audience, valid grants, blocks. Auditors only.")
            .Argument<NonNullGraphType<IdGraphType>>("cameoId")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("at")
            .ResolveAsync(async ctx =>
            {
                RequireAuditor(ctx);
                var at = ctx.GetArgument<DateTimeOffset>("at");
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var id = ctx.IdArgument("cameoId");
                var cameo = await session.Events.AggregateStreamAsync<Cameo>(id, timestamp: at, token: ctx.CancellationToken)
                            ?? throw SoraError.NotFound("The cameo at that instant");
                var events = await session.Events.FetchStreamAsync(id, timestamp: at, token: ctx.CancellationToken);
                return new ConsentSnapshot(at, cameo, events.Select(e => e.Data).OfType<CameoUseAuthorized>().ToList());
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CameoUsageType>>>>("usagesUnderGrant")
            .Description("Every use allowed by one grant, with its current status. Auditors only.")
            .Argument<NonNullGraphType<IdGraphType>>("grantId")
            .ResolveAsync(async ctx =>
            {
                RequireAuditor(ctx);
                var grant = ctx.IdArgument("grantId");
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await session.Query<CameoUsage>().Where(u => u.GrantId == grant).OrderBy(u => u.Seq).ToListAsync(ctx.CancellationToken);
            });
    }

    private static void RequireAuditor(IResolveFieldContext ctx)
    {
        if (!ctx.RequireActor().Has(AccountRole.Auditor)) throw SoraError.Forbidden("Only auditors can read consent history.");
    }
}
