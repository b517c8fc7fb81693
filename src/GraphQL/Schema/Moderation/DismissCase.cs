using GraphQL.Types;
using Sora.Domain.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

/// <summary>dismissCase: nothing to act on.</summary>
public static class DismissCaseMutation
{
    public static void Add(ObjectGraphType mutation) =>
        CaseMutations.Add<DismissCasePayloadType>(mutation, "dismissCase",
            "Closes an open case without action; its reporters see DISMISSED. Moderators only.",
            _ => { }, (by, caseId, _) => new DismissCase(by, caseId));
}
