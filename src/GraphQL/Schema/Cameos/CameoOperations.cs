using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.Options;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.GraphQL.Composition;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Cameos;

public sealed record StartVerificationResult(Cameo? Cameo, RecordingUploadInfo? Upload, IReadOnlyList<Refusal> Errors);

public sealed class StartCameoVerificationPayloadType : ObjectGraphType<StartVerificationResult>
{
    public StartCameoVerificationPayloadType()
    {
        Name = "StartCameoVerificationPayload";
        Field<CameoType>("cameo").Resolve(ctx => ctx.Source.Cameo);
        Field<RecordingUploadType>("upload").Resolve(ctx => ctx.Source.Upload);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("instructions")
            .Resolve(_ => VerificationPhrases.Instructions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed class StartCameoVerificationInput
{
    public string? CameoId { get; set; }
}

public sealed class StartCameoVerificationInputType : InputObjectGraphType<StartCameoVerificationInput>
{
    public StartCameoVerificationInputType()
    {
        Name = "StartCameoVerificationInput";
        Field<IdGraphType>("cameoId").Description("To re-record an existing cameo; omit to start a new one.");
    }
}

public sealed class CameoEdgeType() : EdgeType<CameoType, Cameo>("CameoEdge");

public sealed class CameoConnectionType() : ConnectionType<CameoEdgeType, Cameo>("CameoConnection");

public static class CameoOperations
{
    public static void AddQueries(ObjectGraphType query)
    {
        var mine = query.Field<NonNullGraphType<CameoConnectionType>>("myCameos")
            .Description("The signed-in account's cameos, newest first.");
        mine.AddPagingArguments();
        mine.ResolveAsync(async ctx =>
        {
            var actor = ctx.RequireActor();
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var after = Paging.Decode(ctx.GetArgument<string?>("after"));
            var before = after is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MaxValue;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var rows = await session.Query<Cameo>().Where(c => c.OwnerId == actor.AccountId && c.CreatedAt < before)
                .OrderByDescending(c => c.CreatedAt).Take(first + 1).ToListAsync(ctx.CancellationToken);
            return Connection<Cameo>.From(rows, first, after is not null, c => c.CreatedAt.UtcTicks, c => c, c => c.CreatedAt);
        });

        query.Field<NonNullGraphType<CameoType>>("cameo")
            .Description("One of your cameos, or the cameo of a teen you are a linked parent of (docs/parental.md). NOT_FOUND for anyone else's.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var cameo = await session.LoadAsync<Cameo>(ctx.IdArgument("id"), ctx.CancellationToken);
                if (cameo is not null && (cameo.OwnerId == actor.AccountId || await Sora.Domain.Parental.TeenLikeness.IsParentOfAsync(session,
                        ctx.Service<Sora.Domain.Privacy.PersonalDataVault>(), actor.AccountId, cameo.OwnerId, Parental.FamilyQueries.Today(ctx), ctx.CancellationToken)))
                    return cameo;
                throw SoraError.NotFound("The cameo");
            });
    }

    public static void AddMutations(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<StartCameoVerificationPayloadType>>("startCameoVerification")
            .Description("Starts (or re-records) a cameo: returns where to upload the recording and what it must show.")
            .Argument<NonNullGraphType<StartCameoVerificationInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<StartCameoVerificationInput>("input");
                Guid? existing = input.CameoId is null ? null : ResolveContextExtensions.ParseId(input.CameoId, "cameoId");
                var result = await ctx.SendAsync<CommandResult>(new StartCameoVerification(actor, existing));
                var errors = Refusals.ToUserErrors(result.Refusal);
                if (result.Id is null) return new StartVerificationResult(null, null, errors);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var cameo = await session.LoadAsync<Cameo>(result.Id.Value, ctx.CancellationToken);
                var max = ctx.Service<IOptions<SoraOptions>>().Value.Cameos.MaxRecordingBytes;
                return new StartVerificationResult(cameo,
                    new RecordingUploadInfo($"/cameos/{cameo!.Id}/recording", "PUT", max, ["video/mp4", "video/webm"]), errors);
            });
}
