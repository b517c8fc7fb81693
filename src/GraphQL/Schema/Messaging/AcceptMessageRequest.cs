using GraphQL.Types;
using Sora.Domain.Messaging;

namespace Sora.GraphQL.Schema.Messaging;

/// <summary>acceptMessageRequest: Accepts a message request: the conversation moves to your list and both of you can write.</summary>
public static class AcceptMessageRequestMutation
{
    public static void Add(ObjectGraphType mutation) =>
        MessagingMutations.AddConversationVerb(mutation, "acceptMessageRequest",
            "Accepts a message request: the conversation moves to your list and both of you can write.", false,
            (actor, id, input) => new AcceptMessageRequest(actor, id));
}
