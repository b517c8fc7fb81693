using GraphQL.Types;
using Sora.Domain.Parental;

namespace Sora.GraphQL.Schema.Parental;

public sealed class InviteTeenInputType : InputObjectGraphType
{
    public InviteTeenInputType()
    {
        Name = "InviteTeenInput";
        Field<NonNullGraphType<IdGraphType>>("teenId").Description("The teen account (13 to 17) to link with.");
    }
}

/// <summary>inviteTeen: an adult asks to become a teen's linked parent.</summary>
public static class InviteTeenMutation
{
    public static void Add(ObjectGraphType mutation) =>
        FamilyMutations.AddLinkMutation<InviteTeenInputType>(mutation, "inviteTeen", "teenId",
            "Asks a teen account (13 to 17) to link with you as its parent; the teen confirms or declines. You must be an adult; " +
            $"a teen has at most {Guardianship.MaxParents} linked parents.",
            (actor, teen) => new InviteTeen(actor, teen));
}
