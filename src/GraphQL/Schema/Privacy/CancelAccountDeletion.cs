using GraphQL;
using GraphQL.Types;
using Sora.Domain.Common;
using Sora.Domain.Privacy;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Privacy;

public sealed class CancelAccountDeletionInputType : InputObjectGraphType
{
    public CancelAccountDeletionInputType()
    {
        Name = "CancelAccountDeletionInput";
        Field<StringGraphType>("clientMutationId").Description("Echoed back; the mutation needs no other input.");
    }
}

public sealed class CancelAccountDeletionPayloadType() : AccountDeletionPayloadType("CancelAccountDeletionPayload");

/// <summary>cancelAccountDeletion: the account keeps itself, during the grace period.</summary>
public static class CancelAccountDeletionMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CancelAccountDeletionPayloadType>>("cancelAccountDeletion")
            .Description("Cancels your pending deletion (a no-op when none is pending).")
            .Argument<NonNullGraphType<CancelAccountDeletionInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                return await AccountDeletionPayloadType.OutcomeAsync(ctx, actor.AccountId, await ctx.SendAsync<CommandResult>(new CancelAccountDeletion(actor)));
            });
}
