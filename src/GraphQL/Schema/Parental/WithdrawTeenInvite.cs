using GraphQL.Types;
using Sora.Domain.Parental;

namespace Sora.GraphQL.Schema.Parental;

public sealed class WithdrawTeenInviteInputType : InputObjectGraphType
{
    public WithdrawTeenInviteInputType()
    {
        Name = "WithdrawTeenInviteInput";
        Field<NonNullGraphType<IdGraphType>>("teenId").Description("The teen you invited.");
    }
}

/// <summary>withdrawTeenInvite: the parent takes back a pending invite.</summary>
public static class WithdrawTeenInviteMutation
{
    public static void Add(ObjectGraphType mutation) =>
        FamilyMutations.AddLinkMutation<WithdrawTeenInviteInputType>(mutation, "withdrawTeenInvite", "teenId",
            "Withdraws your pending invite to a teen.", (actor, teen) => new CloseParentInvite(actor, null, teen));
}
