using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Moderation;

/// <summary>The shape the case actions share: one input naming the case, a payload with the case after the action.</summary>
public static class CaseMutations
{
    public static void Add<TPayload>(ObjectGraphType mutation, string name, string description, Action<InputObjectGraphType> extra,
        Func<Actor, Guid, IDictionary<string, object?>, object> command) where TPayload : CasePayloadType
    {
        var input = new InputObjectGraphType { Name = char.ToUpperInvariant(name[0]) + name[1..] + "Input" };
        input.Field<NonNullGraphType<IdGraphType>>("caseId");
        extra(input);
        mutation.Field<NonNullGraphType<TPayload>>(name).Description(description)
            .Arguments(new QueryArgument(new NonNullGraphType(input)) { Name = "input" })
            .ResolveAsync(async ctx =>
            {
                var values = ctx.GetArgument<Dictionary<string, object?>>("input");
                var caseId = ResolveContextExtensions.ParseId(values["caseId"]?.ToString(), "caseId");
                var result = await ctx.SendAsync<CommandResult>(command(ctx.RequireActor(), caseId, values));
                var errors = Refusals.ToUserErrors(result.Refusal);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return new CaseOutcome(await session.LoadAsync<ModerationCase>(caseId, ctx.CancellationToken), errors);
            });
    }
}
