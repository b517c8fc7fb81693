using GraphQL.Types;
using Sora.Domain.Cameos;
using Sora.GraphQL.Schema.Cameos;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class LikenessDisputeOutcomeType : EnumerationGraphType
{
    public LikenessDisputeOutcomeType()
    {
        Name = "LikenessDisputeOutcome";
        Description = "How a moderator decided a dispute over this cameo's face.";
        Add("KEPT", "KEPT", "This cameo holds the likeness.");
        Add("LOST", "LOST", "The other account holds it: this cameo's likeness ended (or its claim was rejected), and its template was destroyed.");
    }
}

/// <summary>What the dispute flow adds to a dispute (its resolution) and to a cameo (the outcome its owner sees).</summary>
public static class LikenessDisputeFields
{
    public static void Add(LikenessDisputeType dispute)
    {
        dispute.Field<DisputeHolderType>("holder").Description("Who holds the likeness, once resolved.").Resolve(ctx => ctx.Source.Holder);
        dispute.Field<DateTimeOffsetGraphType>("resolvedAt").Resolve(ctx => ctx.Source.ResolvedAt);
        dispute.Field<IdGraphType>("resolvedBy").Description("The moderator who decided.").Resolve(ctx => ctx.Source.ResolvedBy);
        dispute.Field<NonNullGraphType<IntGraphType>>("evidenceAccesses").Description("How often moderators opened its evidence (auditors list them).")
            .Resolve(ctx => ctx.Source.EvidenceAccesses);
    }

    public static void Add(CameoType cameo) =>
        cameo.Field<LikenessDisputeOutcomeType>("disputeOutcome")
            .Description("The latest decided dispute over this cameo's face, if any: KEPT or LOST (failureReason then says LIKENESS_DISPUTE_LOST).")
            .Resolve(ctx => ctx.Source.LastDisputeKept switch { true => "KEPT", false => "LOST", null => null });
}
