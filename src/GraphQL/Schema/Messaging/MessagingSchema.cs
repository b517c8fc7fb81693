using GraphQL.Types;

namespace Sora.GraphQL.Schema.Messaging;

/// <summary>Direct messages' part of the schema (docs/messaging.md): its queries, verbs and subscription.</summary>
public static class MessagingSchema
{
    public static void Add(ObjectGraphType query, ObjectGraphType mutation, ObjectGraphType subscription)
    {
        MessagingQueries.Add(query);
        MessagingMutations.Add(mutation);
        MessageAddedSubscription.Add(subscription);
    }
}
