using GraphQL.Types;
using Sora.Domain.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

/// <summary>restoreContent: a removed video comes back where it still may be shown.</summary>
public static class RestoreContentMutation
{
    public static void Add(ObjectGraphType mutation) =>
        CaseMutations.Add<RestoreContentPayloadType>(mutation, "restoreContent",
            "Puts a removed video back: public again if it is still published and every likeness it shows still allows it. Moderators only.",
            _ => { }, (by, caseId, _) => new RestoreContent(by, caseId));
}
