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

public sealed class DeadLetterEdgeType() : EdgeType<DeadLetterType, DeadLetter>("DeadLetterEdge");

public sealed class DeadLetterConnectionType() : ConnectionType<DeadLetterEdgeType, DeadLetter>("DeadLetterConnection");

public sealed class GenerationEdgeType() : EdgeType<GenerationType, Generation>("GenerationEdge");

public sealed class GenerationConnectionType() : ConnectionType<GenerationEdgeType, Generation>("GenerationConnection");

/// <summary>A dead letter's position, opaque to clients: when it was sent (UTC ticks) and its id.</summary>
public static class DeadLetterCursor
{
    public static string Encode(DateTimeOffset at, Guid id) =>
        Paging.EncodeToken("dead", $"{at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{id:N}");

    public static (DateTimeOffset At, Guid Id)? Decode(string? cursor)
    {
        if (Paging.DecodeToken(cursor, "dead") is not { } text) return null;
        var parts = text.Split(':');
        if (parts.Length == 2 && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id))
            return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        throw SoraError.BadInput("'after' is not a cursor this API issued.");
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
        var vault = ctx.Service<Sora.Domain.Privacy.PersonalDataVault>();
        var today = DateOnly.FromDateTime(ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime);
        return generation is not null && await MediaAccess.CanSeeAsync(session, generation, ctx.Viewer().AccountId, await RolesAsync(ctx), ctx.CancellationToken,
                   (viewer, ct) => Sora.Domain.Accounts.Age.IsAdultAsync(session, vault, viewer, today, ct),
                   (parent, teen, ct) => Sora.Domain.Parental.TeenLikeness.IsParentOfAsync(session, vault, parent, teen, today, ct))
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

        var mine = query.Field<NonNullGraphType<GenerationConnectionType>>("myGenerations").Description("Your generations, newest first.");
        mine.AddPagingArguments();
        mine.ResolveAsync(async ctx =>
        {
            var actor = ctx.RequireActor();
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var after = Paging.Decode(ctx.GetArgument<string?>("after"));
            var before = after is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MaxValue;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var rows = await session.Query<Generation>().Where(g => g.RequesterId == actor.AccountId && g.RequestedAt < before)
                .OrderByDescending(g => g.RequestedAt).Take(first + 1).ToListAsync(ctx.CancellationToken);
            return Connection<Generation>.From(rows, first, after is not null, g => g.RequestedAt.UtcTicks, g => g, g => g.RequestedAt);
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

        var dead = query.Field<NonNullGraphType<DeadLetterConnectionType>>("deadLetters")
            .Description("Jobs that exhausted their retries, newest first. Admins only.");
        dead.AddPagingArguments();
        dead.ResolveAsync(async ctx =>
        {
            if (!ctx.RequireActor().IsAdmin) throw SoraError.Forbidden("Only administrators see the dead-letter queue.");
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var after = DeadLetterCursor.Decode(ctx.GetArgument<string?>("after"));
            var schema = ctx.Service<Microsoft.Extensions.Options.IOptions<SoraOptions>>().Value.Schema;
            // Keyset on (sent_at, id), newest first; letters without sent_at sort last (as the epoch).
            await using var command = ctx.Service<NpgsqlDataSource>().CreateCommand(
                $"select id, message_type, exception_type, exception_message, sent_at, coalesce(sent_at, 'epoch'::timestamptz) from \"{schema}\".wolverine_dead_letters " +
                (after is null ? "" : "where (coalesce(sent_at, 'epoch'::timestamptz), id) < ($2, $3) ") +
                "order by coalesce(sent_at, 'epoch'::timestamptz) desc, id desc limit $1");
            command.Parameters.Add(new NpgsqlParameter { Value = first + 1 });
            if (after is { } position)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = position.At });
                command.Parameters.Add(new NpgsqlParameter { Value = position.Id });
            }
            var rows = new List<(DeadLetter Letter, DateTimeOffset At)>();
            await using var reader = await command.ExecuteReaderAsync(ctx.CancellationToken);
            while (await reader.ReadAsync(ctx.CancellationToken))
                rows.Add((new DeadLetter(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)),
                    reader.GetFieldValue<DateTimeOffset>(5)));
            var edges = rows.Take(first).Select(r => new Edge<DeadLetter>(DeadLetterCursor.Encode(r.At, r.Letter.Id), r.Letter, r.Letter.SentAt)).ToList();
            return new Connection<DeadLetter>(edges,
                new PageInfo(rows.Count > first, after is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
        });
    }
}
