using Sora.Domain.Notifications;
using Sora.Domain.Generations;
using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.GraphQL.Notifications;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Notifications;

namespace Sora.GraphQL.Schema.Generations;

public sealed class GenerationUpdateType : ObjectGraphType<UserNotification>
{
    public GenerationUpdateType()
    {
        Name = "GenerationUpdate";
        Field<NonNullGraphType<IdGraphType>>("generationId").Resolve(ctx => ctx.Source.GenerationId);
        Field<NonNullGraphType<GenerationStateType>>("state").Resolve(ctx => ctx.Source.State);
        Field<IntGraphType>("percent").Description("RENDERING and ENCODING progress.").Resolve(ctx => ctx.Source.Percent);
        Field<StringGraphType>("reason").Description("FAILED, BLOCKED, CANCELLED: why.").Resolve(ctx => ctx.Source.Reason);
        Field<IntGraphType>("queuePosition").Description("QUEUED: the position now.")
            .ResolveAsync(async ctx =>
            {
                if (ctx.Source.State != GenerationState.Queued) return null;
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var generation = await session.LoadAsync<Generation>(ctx.Source.GenerationId!.Value, ctx.CancellationToken);
                return generation is null ? null : await Sora.Domain.Generations.RenderQueueState.PositionAsync(session, generation, ctx.CancellationToken);
            });
        Field<GenerationType>("generation").Description("The generation as it stands now.")
            .ResolveAsync(async ctx =>
            {
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await session.LoadAsync<Generation>(ctx.Source.GenerationId!.Value, ctx.CancellationToken);
            });
    }
}

public static class GenerationSubscription
{
    public static void Add(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<GenerationUpdateType>, UserNotification>("generationUpdated")
            .Description("A generation's state and progress: first where it stands now, then every change, from whichever node or worker made it.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveStreamAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var id = ctx.IdArgument("id");
                var live = ctx.Service<NotificationHub>().For(actor.AccountId).Where(n => n.Kind == NotificationKind.GenerationUpdated && n.GenerationId == id);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var generation = await session.LoadAsync<Generation>(id, ctx.CancellationToken);
                if (generation is null || generation.RequesterId != actor.AccountId) throw SoraError.NotFound("The generation");
                var current = NotificationRules.Generation(actor.AccountId, id, GenerationStates.Of(generation), generation.UpdatedAt, 0, reason: generation.Reason);
                return live.StartWith(current);
            });
}
