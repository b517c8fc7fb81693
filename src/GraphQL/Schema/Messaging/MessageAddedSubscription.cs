using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.GraphQL.Notifications;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Messaging;
using Sora.Projections.Notifications;
using Sora.Domain.Notifications;

namespace Sora.GraphQL.Schema.Messaging;

public sealed class MessageAddedType : ObjectGraphType<UserNotification>
{
    public MessageAddedType()
    {
        Name = "MessageAdded";
        Description = "A message reached one of your conversations (ids travel between nodes; the message is read as you may see it now).";
        Field<NonNullGraphType<IdGraphType>>("conversationId").Resolve(ctx => ctx.Source.ConversationId);
        Field<NonNullGraphType<IdGraphType>>("messageId").Resolve(ctx => ctx.Source.MessageId);
        Field<MessageType>("message").Description("Null if it is no longer yours to see (you left, or the conversation was deleted).")
            .ResolveAsync(async ctx => await MessageViews.LoadAsync(ctx, ctx.Source.MessageId!.Value));
    }
}

/// <summary>
/// messageAdded: every message delivered to you (or sent by you, for your other devices), from whichever API node took
/// it: the notification is one per member, raised at commit (NotifyOnCommit → pg_notify → NotificationHub), so nobody
/// hears a conversation they are not in.
/// </summary>
public static class MessageAddedSubscription
{
    public static void Add(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<MessageAddedType>, UserNotification>("messageAdded")
            .Description("Messages in your conversations as they commit; with conversationId, in that one only (NOT_FOUND unless you are in it).")
            .Argument<IdGraphType>("conversationId")
            .ResolveStreamAsync(async ctx =>
            {
                var me = ctx.RequireActor().AccountId;
                Guid? only = ctx.GetArgument<string?>("conversationId") is { } raw ? ResolveContextExtensions.ParseId(raw, "conversationId") : null;
                if (only is { } id)
                {
                    await using var session = ctx.Service<IDocumentStore>().QuerySession();
                    if (await ConversationQueries.ForMemberAsync(session, id, me, ctx.CancellationToken) is null) throw SoraError.NotFound("The conversation");
                }
                return ctx.Service<NotificationHub>().For(me)
                    .Where(n => n.Kind == NotificationKind.MessageAdded && (only is null || n.ConversationId == only));
            });
}
