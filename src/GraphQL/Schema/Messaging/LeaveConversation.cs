using GraphQL.Types;
using Sora.Domain.Messaging;

namespace Sora.GraphQL.Schema.Messaging;

/// <summary>leaveConversation: Leaves a group (NOT_A_GROUP for a one-to-one conversation: delete it instead).</summary>
public static class LeaveConversationMutation
{
    public static void Add(ObjectGraphType mutation) =>
        MessagingMutations.AddConversationVerb(mutation, "leaveConversation",
            "Leaves a group (NOT_A_GROUP for a one-to-one conversation: delete it instead). The last member out deletes it.", false,
            (actor, id, input) => new LeaveConversation(actor, id));
}
