using Sora.Domain.Common;
using GraphQL;
using GraphQL.Types;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Feed;

public sealed class SetDailyScrollCapInputType : InputObjectGraphType
{
    public SetDailyScrollCapInputType()
    {
        Name = "SetDailyScrollCapInput";
        Field<IdGraphType>("accountId").Description("Defaults to you; only admins may name another account.");
        Field<IntGraphType>("cap").Description($"Feed items per UTC day, 1 to {FeedSettings.MaxScrollCap}; null removes the cap.");
    }
}

public sealed class SetDailyScrollCapPayloadType() : FeedSettingsPayloadType("SetDailyScrollCapPayload",
    "The account's feed settings after the change (dailyScrollCap), or user errors.");

/// <summary>setDailyScrollCap: the account itself or an admin; a linked parent uses setParentalControls.</summary>
public static class SetDailyScrollCapMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<SetDailyScrollCapPayloadType>>("setDailyScrollCap")
            .Description("Caps how many feed items an account is served per UTC day (null removes it). The account itself or an admin. A linked parent caps a teen with setParentalControls; the smaller cap applies, and while a parent sets one the teen cannot change its own (SET_BY_PARENT).")
            .Argument<NonNullGraphType<SetDailyScrollCapInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var account = input.GetValueOrDefault("accountId") is { } given ? ResolveContextExtensions.ParseId(given.ToString(), "accountId") : actor.AccountId;
                var result = await ctx.SendAsync<CommandResult>(new SetDailyScrollCap(actor, account, input.GetValueOrDefault("cap") as int?));
                return await FeedMutations.SettingsOutcomeAsync(ctx, account, result);
            });
}
