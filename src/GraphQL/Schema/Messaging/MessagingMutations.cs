using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Messaging;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Messaging;

namespace Sora.GraphQL.Schema.Messaging;

/// <summary>A verb's answer: the conversation as you now see it (null once you are out of it), its id, and user errors.</summary>
public sealed record ConversationOutcome(Guid? ConversationId, Conversation? Conversation, IReadOnlyList<Refusal> Errors);

/// <summary>
/// The messaging verbs, one file each (<c>StartConversation.cs</c>, <c>SendMessage.cs</c>, …): each takes one
/// <c>input</c> and answers its own payload. This file lists them and holds what the conversation verbs share.
/// </summary>
public static class MessagingMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        StartConversationMutation.Add(mutation);
        SendMessageMutation.Add(mutation);
        AcceptMessageRequestMutation.Add(mutation);
        DeclineMessageRequestMutation.Add(mutation);
        MarkConversationReadMutation.Add(mutation);
        LeaveConversationMutation.Add(mutation);
        DeleteConversationMutation.Add(mutation);
    }

    public static Guid Id(IDictionary<string, object?> input, string field) => ResolveContextExtensions.ParseId(input[field]?.ToString(), field);

    public static Guid? OptionalId(IDictionary<string, object?> input, string field) =>
        input.TryGetValue(field, out var value) && value is not null ? ResolveContextExtensions.ParseId(value.ToString(), field) : null;

    /// <summary>A payload with the conversation (as the viewer now sees it) and user errors.</summary>
    public static ObjectGraphType<ConversationOutcome> Payload(string name, string description)
    {
        var payload = new ObjectGraphType<ConversationOutcome> { Name = name, Description = description };
        payload.Field<IdGraphType>("conversationId").Resolve(ctx => ctx.Source.ConversationId);
        payload.Field<ConversationType>("conversation").Description("The conversation as you see it now; null when you are no longer in it.")
            .Resolve(ctx => ctx.Source.Conversation);
        payload.Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
        return payload;
    }

    /// <summary>The input of a verb on one conversation.</summary>
    public static InputObjectGraphType ConversationInput(string name, bool withMessage = false)
    {
        var input = new InputObjectGraphType { Name = name };
        input.Field<NonNullGraphType<IdGraphType>>("conversationId");
        if (withMessage) input.Field<NonNullGraphType<IdGraphType>>("messageId").Description("The newest message you have read.");
        return input;
    }

    /// <summary>Sends the command and answers the conversation as the viewer sees it after it.</summary>
    public static async Task<ConversationOutcome> OutcomeAsync(IResolveFieldContext ctx, Guid conversationId, object command)
    {
        var result = await ctx.SendAsync<CommandResult>(command);
        var errors = Refusals.ToUserErrors(result.Refusal);
        var id = result.Id ?? conversationId;
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        var conversation = await ConversationQueries.ForMemberAsync(session, id, ctx.RequireActor().AccountId, ctx.CancellationToken);
        return new ConversationOutcome(id, conversation, errors);
    }

    /// <summary>Registers a verb on one conversation: its input, its own payload, its command.</summary>
    public static void AddConversationVerb(ObjectGraphType mutation, string name, string description, bool withMessage,
        Func<Actor, Guid, IDictionary<string, object?>, object> command)
    {
        var pascal = char.ToUpperInvariant(name[0]) + name[1..];
        mutation.Field(name, new NonNullGraphType(Payload(pascal + "Payload", description)))
            .Description(description)
            .Arguments(new QueryArgument(new NonNullGraphType(ConversationInput(pascal + "Input", withMessage))) { Name = "input" })
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var id = Id(input, "conversationId");
                return await OutcomeAsync(ctx, id, command(actor, id, input));
            });
    }
}
