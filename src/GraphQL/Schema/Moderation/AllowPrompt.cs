using GraphQL.Types;
using Sora.Domain.Moderation;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class AllowPromptPayloadType() : CasePayloadType("AllowPromptPayload");

/// <summary>allowPrompt: a moderator lifts a prompt refusal for its requester (dismissCase keeps it).</summary>
public static class AllowPromptMutation
{
    public static void Add(ObjectGraphType mutation) =>
        CaseMutations.Add<AllowPromptPayloadType>(mutation, "allowPrompt",
            "Answers a prompt review: the requester may make that prompt from now on. dismissCase keeps the refusal. Moderators only; never your own prompt.",
            _ => { }, (by, caseId, _) => new AllowPrompt(by, caseId));
}
