using GraphQL.Types;
using Sora.Domain.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

/// <summary>removeContent: a moderator takes a reported video (with its remixes) or comment down.</summary>
public static class RemoveContentMutation
{
    public static void Add(ObjectGraphType mutation) =>
        CaseMutations.Add<RemoveContentPayloadType>(mutation, "removeContent",
            "Takes the case's video (and the remixes made from it) or comment down, everywhere, at once. Moderators only; never on your own content or a case you reported.",
            input => input.Field<NonNullGraphType<ReportReasonType>>("reason").Description("The rule it broke."),
            (by, caseId, values) => new RemoveContent(by, caseId, (ReportReason)values["reason"]!));
}
