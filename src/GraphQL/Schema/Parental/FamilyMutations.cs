using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Parental;
using Sora.Domain.Privacy;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Parental;

/// <summary>What the link mutations share: one input id, the command, and the family after it as the payload.</summary>
public static class FamilyMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        InviteTeenMutation.Add(mutation);
        ConfirmParentLinkMutation.Add(mutation);
        DeclineParentLinkMutation.Add(mutation);
        WithdrawTeenInviteMutation.Add(mutation);
        UnlinkFamilyMutation.Add(mutation);
        SetParentalControlsMutation.Add(mutation);
    }

    /// <summary>A mutation whose input (<typeparamref name="TInput"/>) is one id, answered with the viewer's family.</summary>
    public static void AddLinkMutation<TInput>(ObjectGraphType mutation, string name, string idField, string description,
        Func<Actor, Guid, object> command) where TInput : InputObjectGraphType =>
        mutation.Field<NonNullGraphType<FamilyPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInput>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var id = ResolveContextExtensions.ParseId(input[idField]?.ToString(), idField);
                var result = await ctx.SendAsync<CommandResult>(command(actor, id));
                var errors = Refusals.ToUserErrors(result.Refusal);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var family = await FamilyQueries.LoadAsync(session, ctx.Service<PersonalDataVault>(), actor.AccountId, FamilyQueries.Today(ctx),
                    ctx.CancellationToken);
                return new FamilyChange(family, errors.Count == 0 ? result.Id : null, errors);
            });
}
