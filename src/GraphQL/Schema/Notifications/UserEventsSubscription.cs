using GraphQL;
using GraphQL.Types;
using Sora.Domain.Notifications;
using Sora.GraphQL.Notifications;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Generations;
using Sora.GraphQL.Schema.Moderation;

namespace Sora.GraphQL.Schema.Notifications;

public sealed class UserEventKindType : EnumerationGraphType<NotificationKind>
{
    public UserEventKindType() => Name = "UserEventKind";
}

/// <summary>One notification: what userEvents pushes and what the inbox lists, the same object with the same id.</summary>
public sealed class UserEventType : ObjectGraphType<UserNotification>
{
    public UserEventType()
    {
        Name = "UserEvent";
        Description = "Something that happened to the signed-in account. Inbox kinds carry the inbox item's id; live-only ones " +
                      "(GENERATION_UPDATED, CAMEO_USE_REMOVED) do not.";
        Field<IdGraphType>("id").Description("The inbox item (markNotificationsRead takes it); null for live-only kinds.").Resolve(ctx => ctx.Source.ItemId);
        Field<NonNullGraphType<UserEventKindType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field(x => x.At);
        Field<NonNullGraphType<BooleanGraphType>>("read").Description("Whether you marked it read (a push is always unread).").Resolve(ctx => ctx.Source.Read);
        Field<NonNullGraphType<StringGraphType>>("sequence").Description("The event's global sequence number (ordering, de-duplication).")
            .Resolve(ctx => ctx.Source.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<AccountType>("actor").Description("Who caused it (NEW_FOLLOWER: the follower; CAMEO_USED: who used your cameo; VIDEO_LIKED: who liked). " +
                                                "Null when that account is gone or blocks you. For REPORT_OUTCOME and MODERATION_ACTION: you (the moderator is never named).")
            .Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.ActorId));
        Field<VideoType>("video").Description("VIDEO_LIKED, VIDEO_COMMENTED: your video; VIDEO_REMIXED: the remix. Null when you may not see it (withdrawn, blocked).")
            .ResolveAsync(async ctx => ctx.Source.VideoId is { } id ? await VideoQueries.VisibleAsync(ctx, id) : null);
        Field<IdGraphType>("commentId").Description("VIDEO_COMMENTED: the comment.").Resolve(ctx => ctx.Source.CommentId);
        Field<AccountType>("teen").Description("Parent–teen kinds: the teen the link concerns.")
            .Resolve(ctx => ctx.Source.TeenId is { } teen ? ctx.Sora().Loaders.Accounts.Load(teen) : null);
        Field<IdGraphType>("conversationId").Description("MESSAGE_REQUEST_RECEIVED: the conversation to accept or decline.").Resolve(ctx => ctx.Source.ConversationId);
        Field<IdGraphType>("cameoId").Description("For cameo activity: which cameo.").Resolve(ctx => ctx.Source.CameoId);
        Field<IdGraphType>("useId").Description("For cameo activity: which use (approve, decline or remove it by this id).").Resolve(ctx => ctx.Source.UseId);
        ModerationQueueSubscription.AddReportOutcomeFields(this);
        Field<IdGraphType>("caseId").Description("MODERATION_ACTION: the case about your content or account (as myModerationCases lists it; appeal by it).")
            .Resolve(ctx => ctx.Source.Kind == NotificationKind.ModerationAction ? ctx.Source.CaseId : null);
        Field<ModerationChangeType>("moderationAction").Description("MODERATION_ACTION: what a moderator did to your content or account.")
            .Resolve(ctx => ctx.Source.Kind == NotificationKind.ModerationAction ? ctx.Source.Change : null);
    }
}

public static class UserEventsSubscription
{
    public static void Add(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<UserEventType>, UserNotification>("userEvents")
            .Description("Every notification for the signed-in account, from whichever API node raised them: the inbox's items as they are " +
                         "stored (same id), and the live-only kinds. A kind you switched off or an account you muted sends nothing.")
            .ResolveStream(ctx => ctx.Service<NotificationHub>().For(ctx.RequireActor().AccountId));

        subscription.Field<NonNullGraphType<UserEventType>, UserNotification>("cameoActivity")
            .Description("Uses of your cameos, approval requests and removals, as they commit.")
            .ResolveStream(ctx => ctx.Service<NotificationHub>().For(ctx.RequireActor().AccountId).Where(n => n.IsCameoActivity));
    }
}
