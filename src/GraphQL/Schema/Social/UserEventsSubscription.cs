using Sora.Domain.Notifications;
using GraphQL;
using GraphQL.Types;
using Sora.Domain.Accounts;
using Sora.GraphQL.Notifications;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Notifications;

namespace Sora.GraphQL.Schema.Social;

public sealed class UserEventKindType : EnumerationGraphType<NotificationKind>
{
    public UserEventKindType() => Name = "UserEventKind";
}

public sealed class UserEventType : ObjectGraphType<UserNotification>
{
    public UserEventType()
    {
        Name = "UserEvent";
        Description = "Something that happened to the signed-in account.";
        Field<NonNullGraphType<UserEventKindType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field(x => x.At);
        Field<NonNullGraphType<StringGraphType>>("sequence").Description("The event's global sequence number (ordering, de-duplication).")
            .Resolve(ctx => ctx.Source.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<AccountType>("actor").Description("Who caused it (NEW_FOLLOWER: the follower; CAMEO_USED: who used your cameo).")
            .Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.ActorId));
        Field<IdGraphType>("cameoId").Description("For cameo activity: which cameo.").Resolve(ctx => ctx.Source.CameoId);
        Field<IdGraphType>("useId").Description("For cameo activity: which use (approve, decline or remove it by this id).").Resolve(ctx => ctx.Source.UseId);
        Moderation.ModerationQueueSubscription.AddReportOutcomeFields(this);
    }
}

public static class UserEventsSubscription
{
    public static void Add(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<UserEventType>, UserNotification>("userEvents")
            .Description("Every notification for the signed-in account, from whichever API node raised them.")
            .ResolveStream(ctx => ctx.Service<NotificationHub>().For(ctx.RequireActor().AccountId));

        subscription.Field<NonNullGraphType<UserEventType>, UserNotification>("cameoActivity")
            .Description("Uses of your cameos, approval requests and removals, as they commit.")
            .ResolveStream(ctx => ctx.Service<NotificationHub>().For(ctx.RequireActor().AccountId).Where(n => n.IsCameoActivity));
    }
}
