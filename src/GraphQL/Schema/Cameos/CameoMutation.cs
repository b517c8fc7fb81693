using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Cameos;

/// <summary>
/// The shape every owner mutation on a cameo shares: an input named after the mutation with cameoId plus its own
/// fields, a command sent as the signed-in account, and a CameoPayload with the cameo as it now stands.
/// </summary>
public static class CameoMutation
{
    public delegate object Command(Actor by, Guid cameoId, IDictionary<string, object?> input);

    public static void Add<TResult>(ObjectGraphType mutation, string name, string description, QueryArgument[] fields,
        Command command, Func<TResult, (Guid? GrantId, Refusal? Refusal)> outcome)
    {
        var input = new InputObjectGraphType { Name = char.ToUpperInvariant(name[0]) + name[1..] + "Input" };
        input.Field<NonNullGraphType<IdGraphType>>("cameoId");
        foreach (var field in fields) input.AddField(new FieldType { Name = field.Name, Type = field.Type, ResolvedType = field.ResolvedType });

        mutation.Field<NonNullGraphType<CameoPayloadType>>(name).Description(description)
            .Arguments(new QueryArgument(new NonNullGraphType(input)) { Name = "input" })
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var values = ctx.GetArgument<Dictionary<string, object?>>("input");
                var cameoId = Id(values, "cameoId");
                var (grantId, refusal) = outcome(await ctx.SendAsync<TResult>(command(actor, cameoId, values)));
                var errors = Refusals.ToUserErrors(refusal);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return new ConsentChangeOutcome(await session.LoadAsync<Cameo>(cameoId, ctx.CancellationToken), grantId, errors);
            });
    }

    public static QueryArgument Required<T>(string name) where T : IGraphType => new QueryArgument<NonNullGraphType<T>> { Name = name };
    public static QueryArgument Optional<T>(string name) where T : IGraphType => new QueryArgument<T> { Name = name };

    public static Guid Id(IDictionary<string, object?> input, string field) => ResolveContextExtensions.ParseId(input[field]?.ToString(), field);
}
