using GraphQL.Types;
using Sora.Domain.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class SuspendAccountPayloadType() : CasePayloadType("SuspendAccountPayload");

/// <summary>suspendAccount: the case's author may not create or interact for a number of days.</summary>
public static class SuspendAccountMutation
{
    public static void Add(ObjectGraphType mutation) =>
        CaseMutations.Add<SuspendAccountPayloadType>(mutation, "suspendAccount",
            $"Suspends the case's author for 1 to {StrikePolicy.MaxSuspensionDays} days: they keep reading, protecting themselves and appealing, " +
            "and cannot create or interact. Moderators only; never on your own content or a case you reported.",
            input => input.Field<NonNullGraphType<IntGraphType>>("days"),
            (by, caseId, values) => new SuspendAccount(by, caseId, (int)values["days"]!));
}
