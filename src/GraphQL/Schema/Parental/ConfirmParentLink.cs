using GraphQL.Types;
using Sora.Domain.Parental;

namespace Sora.GraphQL.Schema.Parental;

public sealed class ConfirmParentLinkInputType : InputObjectGraphType
{
    public ConfirmParentLinkInputType()
    {
        Name = "ConfirmParentLinkInput";
        Field<NonNullGraphType<IdGraphType>>("inviteId").Description("An invite from family.invitesReceived.");
    }
}

/// <summary>confirmParentLink: the teen accepts a parent's invite.</summary>
public static class ConfirmParentLinkMutation
{
    public static void Add(ObjectGraphType mutation) =>
        FamilyMutations.AddLinkMutation<ConfirmParentLinkInputType>(mutation, "confirmParentLink", "inviteId",
            "Accepts a parent's invite: the parent is linked and may set your controls. You can unlink at any time; the parent is told.",
            (actor, invite) => new ConfirmParentLink(actor, invite));
}
