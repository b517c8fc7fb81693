using GraphQL;
using GraphQL.Types;
using Sora.Domain.Common;
using Sora.Domain.Notifications;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Social;

namespace Sora.GraphQL.Schema.Notifications;

public sealed class UnmuteAccountPayloadType() : NotificationSettingsPayloadType("UnmuteAccountPayload", "Your notification settings with the account unmuted, or user errors.");

/// <summary>unmuteAccount: its actions notify you again, from now on (what happened while muted is not brought back).</summary>
public static class UnmuteAccountMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<UnmuteAccountPayloadType>>("unmuteAccount")
            .Description("Unmutes an account: its actions notify you again from now on. Unmuting one you do not mute is a no-op.")
            .Argument<NonNullGraphType<AccountTargetInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var target = ResolveContextExtensions.ParseId(ctx.GetArgument<AccountTargetInput>("input").AccountId, "accountId");
                return await NotificationMutations.OutcomeAsync(ctx, actor.AccountId, await ctx.SendAsync<CommandResult>(new UnmuteAccount(actor, target)));
            });
}
