using GraphQL.Types;
using Sora.Domain.Parental;

namespace Sora.GraphQL.Schema.Parental;

public sealed class UnlinkFamilyInputType : InputObjectGraphType
{
    public UnlinkFamilyInputType()
    {
        Name = "UnlinkFamilyInput";
        Field<NonNullGraphType<IdGraphType>>("accountId").Description("Your linked parent, or the teen you are linked to.");
    }
}

/// <summary>unlinkFamily: either side ends a link; the other is told.</summary>
public static class UnlinkFamilyMutation
{
    public static void Add(ObjectGraphType mutation) =>
        FamilyMutations.AddLinkMutation<UnlinkFamilyInputType>(mutation, "unlinkFamily", "accountId",
            "Ends a parent–teen link, from either side; the other side is notified. The last parent leaving clears the controls.",
            (actor, other) => new UnlinkFamily(actor, other));
}
