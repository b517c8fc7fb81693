using GraphQL.Types;
using Sora.Domain.Messaging;

namespace Sora.GraphQL.Schema.Messaging;

/// <summary>markConversationRead: Marks the conversation read up to a message (read receipts: the others see you in its readBy).</summary>
public static class MarkConversationReadMutation
{
    public static void Add(ObjectGraphType mutation) =>
        MessagingMutations.AddConversationVerb(mutation, "markConversationRead",
            "Marks the conversation read up to a message (read receipts: the others see you in its readBy). A mark never moves back.", true,
            (actor, id, input) => new MarkConversationRead(actor, id, MessagingMutations.Id(input, "messageId")));
}
