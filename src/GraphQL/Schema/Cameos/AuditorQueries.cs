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

public sealed class ConsentHistoryEntryEdgeType() : EdgeType<ConsentHistoryEntryType, ConsentHistoryEntry>("ConsentHistoryEntryEdge");

public sealed class ConsentHistoryEntryConnectionType() : ConnectionType<ConsentHistoryEntryEdgeType, ConsentHistoryEntry>("ConsentHistoryEntryConnection");

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

public sealed class CameoUseReceiptEdgeType() : EdgeType<CameoUseReceiptType, CameoUseAuthorized>("CameoUseReceiptEdge");

public sealed class CameoUseReceiptConnectionType() : ConnectionType<CameoUseReceiptEdgeType, CameoUseAuthorized>("CameoUseReceiptConnection");

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
        var grants = Field<NonNullGraphType<CameoGrantConnectionType>>("validGrants").Description("Grants in force at that instant, oldest first.");
        grants.AddPagingArguments();
        grants.Resolve(ctx => Paging.InMemory(ctx.Source.Cameo.Grants.Where(g => g.IsValid(ctx.Source.At)).ToArray(),
            ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), g => g.GrantedAt));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("blocked").Resolve(ctx => ctx.Source.Cameo.Blocked);
        var uses = Field<NonNullGraphType<CameoUseReceiptConnectionType>>("uses")
            .Description("Every use receipted up to that instant, oldest first, by whatever path the likeness entered (mention, image, remix).");
        uses.AddPagingArguments();
        uses.Resolve(ctx => Paging.InMemory(ctx.Source.Uses, ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), u => u.At));
    }
}

/// <summary>Compliance queries: auditors only (not admins, not owners), replayed from events.</summary>
public static class AuditorQueries
{
    public static void Add(ObjectGraphType query)
    {
        var history = query.Field<NonNullGraphType<ConsentHistoryEntryConnectionType>>("consentHistory")
            .Description("Every event of a cameo's stream between two instants (inclusive), oldest first. Auditors only.")
            .Argument<NonNullGraphType<IdGraphType>>("cameoId")
            .Argument<DateTimeOffsetGraphType>("from")
            .Argument<DateTimeOffsetGraphType>("to");
        history.AddPagingArguments();
        history.ResolveAsync(async ctx =>
        {
            RequireAuditor(ctx);
            var id = ctx.IdArgument("cameoId");
            var from = ctx.GetArgument<DateTimeOffset?>("from") ?? DateTimeOffset.MinValue;
            var to = ctx.GetArgument<DateTimeOffset?>("to") ?? DateTimeOffset.MaxValue;
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var after = Paging.Decode(ctx.GetArgument<string?>("after")) ?? 0;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var events = await session.Events.FetchStreamAsync(id, token: ctx.CancellationToken);
            if (events.Count == 0) throw SoraError.NotFound("The cameo");
            // Keyset on the stream's event sequence: pages stay stable while the stream grows.
            var rows = events.Where(e => e.Timestamp >= from && e.Timestamp <= to && e.Sequence > after).Take(first + 1)
                .Select(e => new ConsentHistoryEntry(e.Sequence, (int)e.Version, e.Timestamp, e.EventTypeName, e.UserName, e.CorrelationId,
                    JsonSerializer.Serialize(e.Data, e.Data.GetType())))
                .ToList();
            return Connection<ConsentHistoryEntry>.From(rows, first, after > 0, e => e.Sequence, e => e, e => e.At);
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

        var underGrant = query.Field<NonNullGraphType<CameoUsageConnectionType>>("usagesUnderGrant")
            .Description("Every use allowed by one grant, oldest first, with its current status. Auditors only.")
            .Argument<NonNullGraphType<IdGraphType>>("grantId");
        underGrant.AddPagingArguments();
        underGrant.ResolveAsync(async ctx =>
        {
            RequireAuditor(ctx);
            var grant = ctx.IdArgument("grantId");
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var after = Paging.Decode(ctx.GetArgument<string?>("after")) ?? 0;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var rows = await session.Query<CameoUsage>().Where(u => u.GrantId == grant && u.Seq > after).OrderBy(u => u.Seq)
                .Take(first + 1).ToListAsync(ctx.CancellationToken);
            return Connection<CameoUsage>.From(rows, first, after > 0, u => u.Seq, u => u, u => u.At);
        });
    }

    private static void RequireAuditor(IResolveFieldContext ctx)
    {
        if (!ctx.RequireActor().Has(AccountRole.Auditor)) throw SoraError.Forbidden("Only auditors can read consent history.");
    }
}
