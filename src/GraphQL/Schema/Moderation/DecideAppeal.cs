using GraphQL.Types;
using Sora.Domain.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

/// <summary>decideAppeal: a second moderator upholds or overturns a removal.</summary>
public static class DecideAppealMutation
{
    public static void Add(ObjectGraphType mutation) =>
        CaseMutations.Add<DecideAppealPayloadType>(mutation, "decideAppeal",
            "Decides an appeal: uphold keeps the removal; otherwise the video is restored. Moderators only, and not the one who removed it.",
            input => input.Field<NonNullGraphType<BooleanGraphType>>("uphold"),
            (by, caseId, values) => new DecideAppeal(by, caseId, (bool)values["uphold"]!));
}
