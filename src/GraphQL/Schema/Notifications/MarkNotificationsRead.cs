using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Notifications;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Notifications;

namespace Sora.GraphQL.Schema.Notifications;

public sealed class MarkNotificationsReadInputType : InputObjectGraphType
{
    public MarkNotificationsReadInputType()
    {
        Name = "MarkNotificationsReadInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("An inbox item (UserEvent.id).");
        Field<BooleanGraphType>("andOlder").Description("true: this item and every older one (default false: this one only).");
    }
}

public sealed record MarkReadOutcome(Guid Account, IReadOnlyList<Refusal> Errors);

public sealed class MarkNotificationsReadPayloadType : ObjectGraphType<MarkReadOutcome>
{
    public MarkNotificationsReadPayloadType()
    {
        Name = "MarkNotificationsReadPayload";
        Field<NonNullGraphType<IntGraphType>>("unreadCount").Description("Unread items left in your inbox.")
            .ResolveAsync(async ctx =>
            {
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await Inbox.UnreadCountAsync(session, ctx.Source.Account, ctx.CancellationToken);
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>markNotificationsRead: one item, or everything up to it. NOT_FOUND for an id that is not in your inbox.</summary>
public static class MarkNotificationsReadMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MarkNotificationsReadPayloadType>>("markNotificationsRead")
            .Description("Marks an inbox item read, or it and every older one. Repeating it is a no-op; another account's item is NOT_FOUND.")
            .Argument<NonNullGraphType<MarkNotificationsReadInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var id = ResolveContextExtensions.ParseId(input["id"]?.ToString(), "id");
                var result = await ctx.SendAsync<CommandResult>(new MarkNotificationsRead(actor, id, input.GetValueOrDefault("andOlder") as bool? ?? false));
                return new MarkReadOutcome(actor.AccountId, Refusals.ToUserErrors(result.Refusal));
            });
}
