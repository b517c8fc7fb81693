using GraphQL;
using GraphQL.Types;
using Sora.Domain.Common;
using Sora.Domain.Notifications;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Social;

namespace Sora.GraphQL.Schema.Notifications;

public sealed class MuteAccountPayloadType() : NotificationSettingsPayloadType("MuteAccountPayload", "Your notification settings with the account muted, or user errors.");

/// <summary>muteAccount: the account's actions notify you of nothing (not stored, not pushed) until you unmute it.</summary>
public static class MuteAccountMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MuteAccountPayloadType>>("muteAccount")
            .Description("Mutes an account: what it does notifies you of nothing from now on (it is not told). Items already in your inbox stay. " +
                         "NOT_FOUND for an account that does not exist or blocks you.")
            .Argument<NonNullGraphType<AccountTargetInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var target = ResolveContextExtensions.ParseId(ctx.GetArgument<AccountTargetInput>("input").AccountId, "accountId");
                return await NotificationMutations.OutcomeAsync(ctx, actor.AccountId, await ctx.SendAsync<CommandResult>(new MuteAccount(actor, target)));
            });
}
