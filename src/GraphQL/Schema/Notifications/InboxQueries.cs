using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Notifications;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Notifications;

namespace Sora.GraphQL.Schema.Notifications;

public sealed class InboxEdgeType() : EdgeType<UserEventType, UserNotification>("InboxEdge");

/// <summary>A page of the inbox, with the unread count of the whole inbox (not of the page).</summary>
public sealed record InboxPage(Connection<UserNotification> Page, Guid Recipient);

public sealed class InboxConnectionType : ObjectGraphType<InboxPage>
{
    public InboxConnectionType()
    {
        Name = "InboxConnection";
        Description = "Your notifications, newest first.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InboxEdgeType>>>>("edges").Resolve(ctx => ctx.Source.Page.Edges);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.Page.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("unreadCount").Description("Unread items in the whole inbox.")
            .ResolveAsync(async ctx =>
            {
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await Inbox.UnreadCountAsync(session, ctx.Source.Recipient, ctx.CancellationToken);
            });
    }
}

public sealed class NotificationSettingsType : ObjectGraphType<NotificationSettings>
{
    public NotificationSettingsType()
    {
        Name = "NotificationSettings";
        Description = "What reaches your inbox and userEvents.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserEventKindType>>>>("disabledKinds").Description("Kinds you switched off.")
            .Resolve(ctx => ctx.Source.Disabled);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserEventKindType>>>>("configurableKinds").Description("Kinds you can switch off.")
            .Resolve(_ => NotificationKinds.Configurable);
        var muted = Field<NonNullGraphType<AccountConnectionType>>("mutedAccounts").Description("Accounts you muted, oldest first.");
        muted.AddPagingArguments();
        muted.ResolveAsync(async ctx =>
        {
            var page = Paging.InMemory(ctx.Source.Muted, ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"));
            // Through the loader's visibility rule: a muted account that has since blocked you is left out.
            var accounts = await ctx.Sora().Loaders.Accounts.LoadMany(page.Edges.Select(e => e.Node)).GetResultAsync(ctx.CancellationToken);
            var byId = accounts.ToDictionary(a => a.Id);
            return new Connection<Account>(page.Edges.Where(e => byId.ContainsKey(e.Node)).Select(e => new Edge<Account>(e.Cursor, byId[e.Node], null)).ToList(),
                page.PageInfo);
        });
    }
}

/// <summary>inbox and notificationSettings: the signed-in account's own, nobody else's (there is no argument to ask for another's).</summary>
public static class InboxQueries
{
    public static void Add(ObjectGraphType query)
    {
        var inbox = query.Field<NonNullGraphType<InboxConnectionType>>("inbox")
            .Description("Your notifications, newest first (at most the newest 500 are kept). Sign in first.");
        inbox.AddPagingArguments();
        inbox.Argument<BooleanGraphType>("unreadOnly", "Only the items not yet marked read.");
        inbox.ResolveAsync(async ctx =>
        {
            var me = ctx.RequireActor().AccountId;
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var before = Paging.Decode(ctx.GetArgument<string?>("after")) ?? long.MaxValue;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var items = await Inbox.PageAsync(session, me, before, ctx.GetArgument<bool?>("unreadOnly") ?? false, first + 1, ctx.CancellationToken);
            return new InboxPage(Connection<UserNotification>.From(items, first, before != long.MaxValue, i => i.Seq,
                i => i.Notification with { ItemId = i.Id, Read = i.Read }, i => i.At), me);
        });

        query.Field<NonNullGraphType<NotificationSettingsType>>("notificationSettings").Description("Your notification preferences and mutes. Sign in first.")
            .ResolveAsync(async ctx => await SettingsAsync(ctx, ctx.RequireActor().AccountId));
    }

    public static async Task<NotificationSettings> SettingsAsync(IResolveFieldContext ctx, Guid account)
    {
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        return await session.LoadAsync<NotificationSettings>(NotificationSettings.StreamFor(account), ctx.CancellationToken)
               ?? new NotificationSettings { Id = NotificationSettings.StreamFor(account), AccountId = account };
    }
}
