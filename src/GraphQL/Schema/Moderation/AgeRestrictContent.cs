using GraphQL.Types;
using Sora.Domain.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class AgeRestrictContentPayloadType() : CasePayloadType("AgeRestrictContentPayload");

/// <summary>ageRestrictContent: the case's video leaves the public surfaces and answers signed-in adults by its link.</summary>
public static class AgeRestrictContentMutation
{
    public static void Add(ObjectGraphType mutation) =>
        CaseMutations.Add<AgeRestrictContentPayloadType>(mutation, "ageRestrictContent",
            "Age-restricts the case's video: it leaves feeds, search and remixing at once, and video(id) and its media answer only signed-in adults " +
            "(besides its creator, the people it shows and moderators). The author may appeal. Moderators only; never on your own content or a case you reported.",
            _ => { }, (by, caseId, _) => new AgeRestrictContent(by, caseId));
}
