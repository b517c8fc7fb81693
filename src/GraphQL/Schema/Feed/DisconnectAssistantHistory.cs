using Sora.Domain.Common;
using GraphQL;
using GraphQL.Types;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Feed;

/// <summary>
/// Nothing to choose: it always acts on the caller's own topics. An input object needs a field, so it carries the
/// optional Relay clientMutationId, echoed in the payload; <c>disconnectAssistantHistory(input: {})</c> is the usual call.
/// </summary>
public sealed class DisconnectAssistantHistoryInputType : InputObjectGraphType
{
    public DisconnectAssistantHistoryInputType()
    {
        Name = "DisconnectAssistantHistoryInput";
        Description = "Nothing to choose (it acts on your own topics): pass {}.";
        Field<StringGraphType>("clientMutationId").Description("Optional; echoed in the payload.");
    }
}

public sealed class DisconnectAssistantHistoryPayloadType : FeedSettingsPayloadType
{
    public DisconnectAssistantHistoryPayloadType() : base("DisconnectAssistantHistoryPayload",
        "Your feed settings after the topics were deleted (assistantConnected false), or user errors.") =>
        Field<StringGraphType>("clientMutationId").Description("The input's clientMutationId.").Resolve(ctx => ctx.Source.ClientMutationId);
}

/// <summary>disconnectAssistantHistory: switching it off deletes the topics and stops them shaping the feed at once.</summary>
public static class DisconnectAssistantHistoryMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DisconnectAssistantHistoryPayloadType>>("disconnectAssistantHistory")
            .Description("Switches assistant topics off: they are deleted and stop shaping your feed at once.")
            .Argument<NonNullGraphType<DisconnectAssistantHistoryInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                return await FeedMutations.SettingsOutcomeAsync(ctx, actor.AccountId,
                    await ctx.SendAsync<CommandResult>(new DisconnectAssistantHistory(actor)), input.GetValueOrDefault("clientMutationId") as string);
            });
}
