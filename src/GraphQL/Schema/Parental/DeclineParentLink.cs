using GraphQL.Types;
using Sora.Domain.Parental;

namespace Sora.GraphQL.Schema.Parental;

public sealed class DeclineParentLinkInputType : InputObjectGraphType
{
    public DeclineParentLinkInputType()
    {
        Name = "DeclineParentLinkInput";
        Field<NonNullGraphType<IdGraphType>>("inviteId").Description("An invite from family.invitesReceived.");
    }
}

/// <summary>declineParentLink: the teen refuses a parent's invite.</summary>
public static class DeclineParentLinkMutation
{
    public static void Add(ObjectGraphType mutation) =>
        FamilyMutations.AddLinkMutation<DeclineParentLinkInputType>(mutation, "declineParentLink", "inviteId",
            "Declines a parent's invite.", (actor, invite) => new CloseParentInvite(actor, invite, null));
}
