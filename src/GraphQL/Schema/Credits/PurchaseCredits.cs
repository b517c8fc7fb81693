using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Credits;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Credits;

/// <summary>purchaseCredits: the payment integration records a completed payment.</summary>
public static class PurchaseCreditsMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CreditsPayloadType>>("purchaseCredits")
            .Description("Records a payment (the payment webhook, with an admin token). The same reference twice credits once.")
            .Argument<NonNullGraphType<CreditsInputType>>("input", a => a.ResolvedType = new NonNullGraphType(new CreditsInputType("PurchaseCreditsInput", "reference", "A completed payment.")))
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var account = ResolveContextExtensions.ParseId(input["accountId"]?.ToString(), "accountId");
                var result = await ctx.SendAsync<CommandResult>(new PurchaseCredits(ctx.RequireActor(), account, (int)input["amount"]!, (string)input["reference"]!));
                return await CreditsOutcomes.AfterAsync(ctx, account, result);
            });
}
