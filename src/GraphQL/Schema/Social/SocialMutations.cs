using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Social;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Social;

public sealed class AccountTargetInput
{
    public string AccountId { get; set; } = "";
}

public sealed class AccountTargetInputType : InputObjectGraphType<AccountTargetInput>
{
    public AccountTargetInputType()
    {
        Name = "AccountTargetInput";
        Field<NonNullGraphType<IdGraphType>>("accountId").Description("The other account.");
    }
}

public sealed record RelationshipChange(Account? Account, IReadOnlyList<Refusal> Errors);

public sealed class RelationshipPayloadType : ObjectGraphType<RelationshipChange>
{
    public RelationshipPayloadType()
    {
        Name = "RelationshipPayload";
        Field<AccountType>("account").Description("The other account, with viewerFollows/viewerBlocks reflecting the change.")
            .Resolve(ctx => ctx.Source.Account);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>follow, unfollow, block, unblock. Each acts as the signed-in account; repeating one is a no-op.</summary>
public static class SocialMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        Add(mutation, "follow", SocialAction.Follow, "Follows an account. FORBIDDEN when it blocks you.");
        Add(mutation, "unfollow", SocialAction.Unfollow, "Stops following an account.");
        Add(mutation, "block", SocialAction.Block, "Blocks an account: follows both ways end, and it can no longer see or follow you.");
        Add(mutation, "unblock", SocialAction.Unblock, "Lifts a block. Follows are not restored.");
    }

    private static void Add(ObjectGraphType mutation, string name, SocialAction action, string description) =>
        mutation.Field<NonNullGraphType<RelationshipPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<AccountTargetInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var target = ResolveContextExtensions.ParseId(ctx.GetArgument<AccountTargetInput>("input").AccountId, "accountId");
                var result = await ctx.SendAsync<CommandResult>(new ChangeRelationship(actor, action, target));
                var errors = Refusals.ToUserErrors(result.Refusal);
                // Through the visibility rule: an account that blocks you comes back as null, as account(id) would say.
                return new RelationshipChange(await ctx.Sora().Loaders.Accounts.Load(target).GetResultAsync(ctx.CancellationToken), errors);
            });
}
