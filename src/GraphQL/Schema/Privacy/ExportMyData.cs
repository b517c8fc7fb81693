using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;
using Sora.GraphQL.Media;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Privacy;

public sealed class DataExportStatusType : EnumerationGraphType<DataExportStatus>
{
    public DataExportStatusType() => Name = "DataExportStatus";
}

public sealed class DataExportType : ObjectGraphType<DataExport>
{
    public DataExportType()
    {
        Name = "DataExport";
        Description = "An archive of your data: documented JSON plus your media (docs/privacy.md), downloadable once, until it expires.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<DataExportStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(x => x.RequestedAt);
        Field(x => x.ReadyAt, nullable: true);
        Field(x => x.ExpiresAt, nullable: true).Description("When the link stops working, if the archive was not downloaded.");
        Field<FloatGraphType>("bytes").Description("The archive's size as stored (encrypted), once ready.")
            .Resolve(ctx => ctx.Source.Status == DataExportStatus.Ready ? ctx.Source.Bytes : null);
        Field<StringGraphType>("downloadUrl").Description("READY only: a signed link for the one download (it closes the export).")
            .Resolve(ctx =>
            {
                var export = ctx.Source;
                var now = ctx.Service<TimeProvider>().GetUtcNow();
                if (export.Status != DataExportStatus.Ready || export.ExpiresAt is not { } expires || expires <= now) return null;
                return ctx.Service<MediaUrls>().ForAccount($"/exports/{export.Id:N}/archive", DataExportDownload.SignedId(export.Id), export.AccountId,
                    expires - now).Url;
            });
    }
}

public sealed class ExportMyDataInputType : InputObjectGraphType
{
    public ExportMyDataInputType()
    {
        Name = "ExportMyDataInput";
        Field<StringGraphType>("clientMutationId").Description("Echoed back; the mutation needs no other input.");
    }
}

public sealed record DataExportOutcome(DataExport? Export, IReadOnlyList<Refusal> Errors);

public sealed class ExportMyDataPayloadType : ObjectGraphType<DataExportOutcome>
{
    public ExportMyDataPayloadType()
    {
        Name = "ExportMyDataPayload";
        Field<DataExportType>("export").Description("The export, BUILDING; ask dataExport(id) for its link once READY.").Resolve(ctx => ctx.Source.Export);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>exportMyData, dataExport(id) and myDataExports: the right to leave with one's data.</summary>
public static class ExportMyDataOperations
{
    public const int Recent = 10;

    public static void AddMutation(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ExportMyDataPayloadType>>("exportMyData")
            .Description("Starts building an archive of your data (profile, settings, every event about you, your videos and posters, uploads, " +
                         "cameos and their usage, comments and messages): a durable job; the link appears on dataExport(id) once READY.")
            .Argument<NonNullGraphType<ExportMyDataInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var result = await ctx.SendAsync<CommandResult>(new ExportMyData(actor));
                var errors = Refusals.ToUserErrors(result.Refusal);
                if (result.Id is not { } id) return new DataExportOutcome(null, errors);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return new DataExportOutcome(await session.LoadAsync<DataExport>(id, ctx.CancellationToken), errors);
            });

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<DataExportType>>("dataExport").Description("One of your exports. NOT_FOUND for anyone else's.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var export = await session.LoadAsync<DataExport>(ctx.IdArgument("id"), ctx.CancellationToken);
                return export is not null && export.AccountId == actor.AccountId ? export : throw SoraError.NotFound("The export");
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DataExportType>>>>("myDataExports")
            .Description($"Your {Recent} most recent exports, newest first.")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await session.Query<DataExport>().Where(e => e.AccountId == actor.AccountId).OrderByDescending(e => e.RequestedAt)
                    .Take(Recent).ToListAsync(ctx.CancellationToken);
            });
    }
}
