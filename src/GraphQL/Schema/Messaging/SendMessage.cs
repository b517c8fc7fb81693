using GraphQL;
using GraphQL.Types;
using Sora.Domain.Common;
using Sora.Domain.Messaging;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Messaging;

public sealed class SendMessageInputType : InputObjectGraphType
{
    public SendMessageInputType()
    {
        Name = "SendMessageInput";
        Field<NonNullGraphType<IdGraphType>>("conversationId");
        Field<StringGraphType>("text").Description($"Plain text, at most {MessagingLimits.MaxTextLength} characters. Text, a shared video, or both.");
        Field<IdGraphType>("sharedVideoId").Description("A video you can see, to share. Its visibility is checked again whenever the message is read.");
        Field<StringGraphType>("clientRequestId").Description("Your id for this message (1-100 characters): a retry sends nothing new and answers the first.");
    }
}

public sealed record SendMessageOutcome(MessageView? Message, IReadOnlyList<Refusal> Errors);

public sealed class SendMessagePayloadType : ObjectGraphType<SendMessageOutcome>
{
    public SendMessagePayloadType()
    {
        Name = "SendMessagePayload";
        Description = "The message sent (for a retry, the first one), or user errors.";
        Field<MessageType>("message").Resolve(ctx => ctx.Source.Message);
        Field<ConversationType>("conversation").Resolve(ctx => ctx.Source.Message?.Conversation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>sendMessage: a message into one of your conversations.</summary>
public static class SendMessageMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<SendMessagePayloadType>>("sendMessage")
            .Description($"Sends a message into one of your conversations (NOT_FOUND for any other). At most {MessagingLimits.MessagesPerMinute} a minute " +
                         "(RATE_LIMITED); REQUEST_PENDING, REQUEST_DECLINED, NOT_ACCEPTING_MESSAGES, PARENTAL_POLICY, QUIET_HOURS, BLOCKED as the rules say.")
            .Argument<NonNullGraphType<SendMessageInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var result = await ctx.SendAsync<CommandResult>(new SendMessage(actor, MessagingMutations.Id(input, "conversationId"),
                    input.GetValueOrDefault("text") as string, MessagingMutations.OptionalId(input, "sharedVideoId"),
                    input.GetValueOrDefault("clientRequestId") as string));
                var errors = Refusals.ToUserErrors(result.Refusal);
                return new SendMessageOutcome(result.Id is { } id ? await MessageViews.LoadAsync(ctx, id) : null, errors);
            });
}
