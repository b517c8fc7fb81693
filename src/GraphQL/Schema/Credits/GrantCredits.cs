using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Credits;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Credits;

/// <summary>grantCredits: admins give credits, with a reason.</summary>
public static class GrantCreditsMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CreditsPayloadType>>("grantCredits").Description("Admins give credits, with a reason.")
            .Argument<NonNullGraphType<CreditsInputType>>("input", a => a.ResolvedType = new NonNullGraphType(new CreditsInputType("GrantCreditsInput", "reason", "A grant of credits.")))
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var account = ResolveContextExtensions.ParseId(input["accountId"]?.ToString(), "accountId");
                var result = await ctx.SendAsync<CommandResult>(new GrantCredits(ctx.RequireActor(), account, (int)input["amount"]!, (string)input["reason"]!));
                return await CreditsOutcomes.AfterAsync(ctx, account, result);
            });
}
