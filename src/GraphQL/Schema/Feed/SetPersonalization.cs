using Sora.Domain.Common;
using GraphQL;
using GraphQL.Types;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Feed;

public sealed class SetPersonalizationInputType : InputObjectGraphType
{
    public SetPersonalizationInputType()
    {
        Name = "SetPersonalizationInput";
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Description("false: recency and popularity only.");
    }
}

public sealed class SetPersonalizationPayloadType() : FeedSettingsPayloadType("SetPersonalizationPayload", "Your feed settings after the change, or user errors.");

/// <summary>setPersonalization: switches the For You ranking's personal terms on or off.</summary>
public static class SetPersonalizationMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<SetPersonalizationPayloadType>>("setPersonalization")
            .Description("false: your For You feed uses recency and popularity only (same exclusions and visibility rules).")
            .Argument<NonNullGraphType<SetPersonalizationInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                return await FeedMutations.SettingsOutcomeAsync(ctx, actor.AccountId,
                    await ctx.SendAsync<CommandResult>(new SetPersonalization(actor, (bool)input["enabled"]!)));
            });
}
