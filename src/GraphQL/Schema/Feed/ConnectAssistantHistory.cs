using Sora.Domain.Common;
using GraphQL;
using GraphQL.Types;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Feed;

public sealed class AssistantTopicInputType : InputObjectGraphType
{
    public AssistantTopicInputType()
    {
        Name = "AssistantTopicInput";
        Field<NonNullGraphType<StringGraphType>>("topic");
        Field<NonNullGraphType<FloatGraphType>>("weight").Description("In (0, 1].");
    }
}

public sealed class ConnectAssistantHistoryInputType : InputObjectGraphType
{
    public ConnectAssistantHistoryInputType()
    {
        Name = "ConnectAssistantHistoryInput";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AssistantTopicInputType>>>>("topics")
            .Description($"At most {FeedSettings.MaxAssistantTopics}; they replace earlier ones.");
        Field<StringGraphType>("source").Description("Which assistant, for your records.");
    }
}

public sealed class ConnectAssistantHistoryPayloadType() : FeedSettingsPayloadType("ConnectAssistantHistoryPayload",
    "Your feed settings after the import (assistantConnected, assistantTopicCount), or user errors.");

/// <summary>connectAssistantHistory: opt-in interest topics from an external assistant (what an integration calls).</summary>
public static class ConnectAssistantHistoryMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ConnectAssistantHistoryPayloadType>>("connectAssistantHistory")
            .Description("Opt-in: interest topics imported from an external assistant's history (what an integration calls). Replaces earlier ones.")
            .Argument<NonNullGraphType<ConnectAssistantHistoryInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var topics = ((IEnumerable<object?>)input["topics"]!).Cast<IDictionary<string, object?>>()
                    .Select(t => new AssistantTopic(t["topic"] as string ?? "", Convert.ToDouble(t["weight"]))).ToList();
                var result = await ctx.SendAsync<CommandResult>(new ImportAssistantTopics(actor, topics, input.GetValueOrDefault("source") as string ?? ""));
                return await FeedMutations.SettingsOutcomeAsync(ctx, actor.AccountId, result);
            });
}
