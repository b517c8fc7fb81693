using GraphQL.Types;
using Sora.Domain.Messaging;

namespace Sora.GraphQL.Schema.Messaging;

/// <summary>deleteConversation: Deletes a conversation for everyone in it and destroys its key: no message of it can be read again.</summary>
public static class DeleteConversationMutation
{
    public static void Add(ObjectGraphType mutation) =>
        MessagingMutations.AddConversationVerb(mutation, "deleteConversation",
            "Deletes a conversation for everyone in it and destroys its key: no message of it can be read again. A group: its starter only (FORBIDDEN).", false,
            (actor, id, input) => new DeleteConversation(actor, id));
}
