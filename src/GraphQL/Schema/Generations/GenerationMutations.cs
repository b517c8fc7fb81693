using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Generations;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Generations;

public sealed record RequestGenerationOutcome(Generation? Generation, GenerationPrice? Price, int? QueuePosition, IReadOnlyList<Refusal> Errors);

public sealed record GenerationOutcome(Generation? Generation, IReadOnlyList<Refusal> Errors);

public sealed class RequestGenerationPayloadType : ObjectGraphType<RequestGenerationOutcome>
{
    public RequestGenerationPayloadType()
    {
        Name = "RequestGenerationPayload";
        Field<GenerationType>("generation").Resolve(ctx => ctx.Source.Generation);
        Field<GenerationPriceType>("price").Resolve(ctx => ctx.Source.Price);
        Field<IntGraphType>("queuePosition").Resolve(ctx => ctx.Source.QueuePosition);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed class GenerationPayloadType : ObjectGraphType<GenerationOutcome>
{
    public GenerationPayloadType()
    {
        Name = "GenerationPayload";
        Field<GenerationType>("generation").Resolve(ctx => ctx.Source.Generation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

public static class GenerationMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RequestGenerationPayloadType>>("requestGeneration")
            .Description("Asks for a video. Consent for every @cameo and likeness protection for input faces are checked, and the price charged, before it is queued.")
            .Argument<NonNullGraphType<RequestGenerationInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                long? seed = null;
                if (input.GetValueOrDefault("seed") is string s)
                    seed = long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw SoraError.BadInput("'seed' must be a 64-bit integer.");
                Guid? remix = input.GetValueOrDefault("remixOf") is { } r ? ResolveContextExtensions.ParseId(r.ToString(), "remixOf") : null;
                var command = new RequestGeneration(actor, (string)input["prompt"]!, (int)input["durationSeconds"]!, (VideoAspect)input["aspect"]!,
                    (VideoResolution)input["resolution"]!, seed, input.GetValueOrDefault("image") as string, remix, (string)input["clientRequestId"]!,
                    input.GetValueOrDefault("style") is VideoStyle style ? style : VideoStyle.World);
                var result = await ctx.SendAsync<GenerationRequestResult>(command);
                var errors = Refusals.ToUserErrors(result.Refusal);
                return new RequestGenerationOutcome(await LoadAsync(ctx, result.GenerationId), result.Price, result.QueuePosition, errors);
            });

        AddLifecycle(mutation, "cancelGeneration", "Cancels a queued or rendering generation and refunds it.", (a, id) => new CancelGeneration(a, id));
        AddLifecycle(mutation, "publishVideo", "Publishes a ready draft to the feed. Consent is checked again; cameos in approval mode keep it pending.",
            (a, id) => new PublishVideo(a, id));
        AddLifecycle(mutation, "withdrawVideo", "Takes a video down (its creator, or a moderator).", (a, id) => new WithdrawVideo(a, id));

    }

    private static void AddLifecycle(ObjectGraphType mutation, string name, string description, Func<Actor, Guid, object> command) =>
        mutation.Field<NonNullGraphType<GenerationPayloadType>>(name).Description(description)
            .Argument<NonNullGraphType<GenerationIdInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var id = ResolveContextExtensions.ParseId(input["generationId"]?.ToString(), "generationId");
                var result = await ctx.SendAsync<CommandResult>(command(actor, id));
                var errors = Refusals.ToUserErrors(result.Refusal);
                return new GenerationOutcome(await LoadAsync(ctx, id), errors);
            });

    private static async Task<Generation?> LoadAsync(IResolveFieldContext ctx, Guid? id)
    {
        if (id is null) return null;
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        var generation = await session.LoadAsync<Generation>(id.Value, ctx.CancellationToken);
        return generation?.RequesterId == ctx.Viewer().AccountId ? generation : null;
    }
}
