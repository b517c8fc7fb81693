using GraphQL.Types;
using Sora.Domain.Messaging;

namespace Sora.GraphQL.Schema.Messaging;

/// <summary>declineMessageRequest: Declines a message request: it leaves your lists and its sender can send nothing more into it.</summary>
public static class DeclineMessageRequestMutation
{
    public static void Add(ObjectGraphType mutation) =>
        MessagingMutations.AddConversationVerb(mutation, "declineMessageRequest",
            "Declines a message request: it leaves your lists and its sender can send nothing more into it. NO_REQUEST when there is none.", false,
            (actor, id, input) => new DeclineMessageRequest(actor, id));
}
