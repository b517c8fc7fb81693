using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Cameos;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Cameos;

/// <summary>Forget a cameo, or decide about one use of it. Owner only; anyone else gets NOT_FOUND.</summary>
public static class CameoOwnerMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        Add(mutation, "deleteCameo", "Deletes the cameo and destroys its key: the recording and the face template become unreadable, " +
            "every use is withdrawn, and the history keeps the deletion.", OwnerAction.Delete, withUse: false);
        Add(mutation, "approveCameoUse", "Approves a use waiting in approval mode.", OwnerAction.ApproveUse, withUse: true);
        Add(mutation, "declineCameoUse", "Declines a use waiting in approval mode; it is withdrawn.", OwnerAction.DeclineUse, withUse: true);
        Add(mutation, "removeCameoUse", "Removes any use of your likeness, at any time; it is withdrawn.", OwnerAction.RemoveUse, withUse: true);
    }

    private static void Add(ObjectGraphType mutation, string name, string description, OwnerAction action, bool withUse)
    {
        var input = new InputObjectGraphType { Name = char.ToUpperInvariant(name[0]) + name[1..] + "Input" };
        input.Field<NonNullGraphType<IdGraphType>>("cameoId");
        if (withUse) input.Field<NonNullGraphType<IdGraphType>>("useId");

        mutation.Field<NonNullGraphType<CameoPayloadType>>(name).Description(description)
            .Arguments(new QueryArgument(new NonNullGraphType(input)) { Name = "input" })
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var values = ctx.GetArgument<Dictionary<string, object?>>("input");
                var cameoId = ResolveContextExtensions.ParseId(values["cameoId"]?.ToString(), "cameoId");
                Guid? useId = withUse ? ResolveContextExtensions.ParseId(values["useId"]?.ToString(), "useId") : null;
                var result = await ctx.SendAsync<CameoResult>(new ActOnCameo(actor, cameoId, action, useId));
                var errors = Refusals.ToUserErrors(result.Refusal);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return new ConsentChangeOutcome(await session.LoadAsync<Cameo>(cameoId, ctx.CancellationToken), null, errors);
            });
    }
}
