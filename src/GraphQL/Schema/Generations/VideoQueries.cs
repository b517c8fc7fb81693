using GraphQL;
using GraphQL.Types;
using Marten;
using Npgsql;
using Sora.Domain.Accounts;
using Sora.Domain.Credits;
using Sora.Domain.Generations;
using Sora.GraphQL.Composition;
using Sora.GraphQL.Media;
using Sora.GraphQL.Schema.Common;
using Sora.Render.Generations;

namespace Sora.GraphQL.Schema.Generations;

public sealed record DeadLetter(Guid Id, string MessageType, string? ExceptionType, string? ExceptionMessage, DateTimeOffset? SentAt);

public sealed class DeadLetterType : ObjectGraphType<DeadLetter>
{
    public DeadLetterType()
    {
        Name = "DeadLetter";
        Description = "A job that failed every retry (render queue and others), with the reason.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(x => x.MessageType);
        Field(x => x.ExceptionType, nullable: true);
        Field(x => x.ExceptionMessage, nullable: true);
        Field<DateTimeOffsetGraphType>("sentAt").Resolve(ctx => ctx.Source.SentAt);
    }
}

public static class VideoQueries
{
    public static async Task<IReadOnlyCollection<AccountRole>> RolesAsync(IResolveFieldContext ctx) =>
        ctx.Viewer().AccountId is { } id && await ctx.Sora().Loaders.Accounts.Load(id).GetResultAsync(ctx.CancellationToken) is { } account
            ? account.Roles
            : [];

    /// <summary>The API's videos (generations) for ids that the visibility model already admitted, by id; one query.</summary>
    public static async Task<Dictionary<Guid, Generation>> LoadAsync(IQuerySession session, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.ToArray();
        return list.Length == 0 ? [] : (await session.LoadManyAsync<Generation>(ct, list)).ToDictionary(g => g.Id);
    }

    /// <summary>The video if the viewer may see it, otherwise null (a hidden video does not admit it exists).</summary>
    public static async Task<Generation?> VisibleAsync(IResolveFieldContext ctx, Guid id)
    {
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        var generation = await session.LoadAsync<Generation>(id, ctx.CancellationToken);
        return generation is not null && await MediaAccess.CanSeeAsync(session, generation, ctx.Viewer().AccountId, await RolesAsync(ctx), ctx.CancellationToken)
            ? generation
            : null;
    }

    public static void Add(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<GenerationType>>("generation").Description("One of your generations. NOT_FOUND for anyone else's.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var generation = await session.LoadAsync<Generation>(ctx.IdArgument("id"), ctx.CancellationToken);
                return generation is not null && generation.RequesterId == actor.AccountId ? generation : throw SoraError.NotFound("The generation");
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<GenerationType>>>>("myGenerations").Description("Your generations, newest first.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await session.Query<Generation>().Where(g => g.RequesterId == actor.AccountId)
                    .OrderByDescending(g => g.RequestedAt).Take(Math.Clamp(ctx.GetArgument("first", 20), 1, 100)).ToListAsync(ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<VideoType>>("video").Description("A video you may see. NOT_FOUND otherwise (drafts of others, withdrawn, blocked).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await VisibleAsync(ctx, ctx.IdArgument("id")) ?? throw SoraError.NotFound("The video"));

        query.Field<NonNullGraphType<GenerationPriceType>>("generationPrice").Description("What requestGeneration would charge now.")
            .Argument<NonNullGraphType<GenerationPriceInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var duration = (int)input["durationSeconds"]!;
                if (!GenerationFormat.Durations.Contains(duration)) throw SoraError.BadInput("Videos are 5, 10 or 15 seconds long.");
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return GenerationPricing.Price(duration, (VideoResolution)input["resolution"]!, await RenderQueueState.DepthAsync(session, ctx.CancellationToken),
                    ctx.Service<PricingPolicy>());
            });

        query.Field<NonNullGraphType<CreditsType>>("myCredits").Description("Your credit balance and today's free quota.")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var ledger = await session.LoadAsync<CreditLedger>(CreditLedger.StreamFor(actor.AccountId), ctx.CancellationToken);
                var policy = ctx.Service<CreditPolicy>();
                var today = DateOnly.FromDateTime(ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime);
                return new CreditsView(ledger?.Balance ?? 0, ledger?.QuotaLeft(today, policy.DailyFreeQuota) ?? policy.DailyFreeQuota, policy.DailyFreeQuota);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeadLetterType>>>>("deadLetters")
            .Description("Jobs that exhausted their retries, newest first. Admins only.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .ResolveAsync(async ctx =>
            {
                if (!ctx.RequireActor().IsAdmin) throw SoraError.Forbidden("Only administrators see the dead-letter queue.");
                var schema = ctx.Service<Microsoft.Extensions.Options.IOptions<SoraOptions>>().Value.Schema;
                await using var command = ctx.Service<NpgsqlDataSource>().CreateCommand(
                    $"select id, message_type, exception_type, exception_message, sent_at from \"{schema}\".wolverine_dead_letters order by sent_at desc nulls last limit $1");
                command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(ctx.GetArgument("first", 50), 1, 500) });
                var letters = new List<DeadLetter>();
                await using var reader = await command.ExecuteReaderAsync(ctx.CancellationToken);
                while (await reader.ReadAsync(ctx.CancellationToken))
                    letters.Add(new DeadLetter(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
                return letters;
            });
    }
}
