using GraphQL;
using GraphQL.Types;
using Sora.Domain.Messaging;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Messaging;

public sealed class StartConversationInputType : InputObjectGraphType
{
    public StartConversationInputType()
    {
        Name = "StartConversationInput";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("memberIds")
            .Description($"The other accounts: one for a one-to-one conversation, more for a group (at most {MessagingLimits.MaxGroupMembers} with you; each must follow you).");
        Field<StringGraphType>("text").Description($"An optional first message, at most {MessagingLimits.MaxTextLength} characters.");
        Field<IdGraphType>("sharedVideoId").Description("An optional video to share in the first message.");
        Field<StringGraphType>("clientRequestId").Description("Your id for this request (1-100 characters): a retry starts and sends nothing new.");
    }
}

/// <summary>startConversation: one-to-one (a message request to someone who does not follow you) or a group.</summary>
public static class StartConversationMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field("startConversation", new NonNullGraphType(MessagingMutations.Payload("StartConversationPayload",
                "The conversation started (one-to-one: the pair's conversation, if it already had one), or user errors.")))
            .Description("Starts a conversation, optionally with a first message. One-to-one to someone who does not follow you, it is a message request: " +
                         $"one message until they accept. At most {MessagingLimits.ConversationsPerHour} new conversations an hour (RATE_LIMITED).")
            .Arguments(new QueryArgument(new NonNullGraphType(new StartConversationInputType())) { Name = "input" })
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var raw = ((IEnumerable<object?>)input["memberIds"]!).ToList();
                if (raw.Count > MessagingLimits.MaxGroupMembers * 2)
                    throw SoraError.BadInput($"A group has at most {MessagingLimits.MaxGroupMembers} members.");
                var members = raw.Select(m => ResolveContextExtensions.ParseId(m?.ToString(), "memberIds")).ToList();
                var command = new StartConversation(actor, members, input.GetValueOrDefault("text") as string,
                    MessagingMutations.OptionalId(input, "sharedVideoId"), input.GetValueOrDefault("clientRequestId") as string);
                return await MessagingMutations.OutcomeAsync(ctx, Guid.Empty, command) is var outcome && outcome.Errors.Count > 0
                    ? outcome with { ConversationId = null, Conversation = null }
                    : outcome;
            });
}
