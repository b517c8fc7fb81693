using GraphQL.Types;
using Sora.Domain.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class StrikeAuthorPayloadType() : CasePayloadType("StrikeAuthorPayload");

/// <summary>strikeAuthor: a strike on the case's author; the strike rule may suspend them in the same decision.</summary>
public static class StrikeAuthorMutation
{
    public static void Add(ObjectGraphType mutation) =>
        CaseMutations.Add<StrikeAuthorPayloadType>(mutation, "strikeAuthor",
            "Strikes the author of the case's item (once per case). A strike counts for 90 days; the third within 90 days suspends the account for 7 days, " +
            "each further one for 30 (docs/moderation.md). Moderators only; never on your own content or a case you reported.",
            input => input.Field<ReportReasonType>("reason").Description("The rule broken; the case's most urgent reason if left out."),
            (by, caseId, values) => new StrikeAuthor(by, caseId, values.TryGetValue("reason", out var reason) ? reason as ReportReason? : null));
}
