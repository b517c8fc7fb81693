using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Messaging;

namespace Sora.GraphQL.Schema.Messaging;

/// <summary>conversations(first, after, requests) and conversation(id).</summary>
public static class MessagingQueries
{
    public static void Add(ObjectGraphType query)
    {
        var list = query.Field<NonNullGraphType<ConversationConnectionType>>("conversations")
            .Description("Your conversations by last activity, newest first; requests: true for the message requests waiting for your answer.")
            .Argument<BooleanGraphType>("requests", "Message requests addressed to you instead of your conversations.");
        list.AddPagingArguments();
        list.ResolveAsync(async ctx =>
        {
            var me = ctx.RequireActor().AccountId;
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var before = Paging.Decode(ctx.GetArgument<string?>("after"));
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var rows = await ConversationQueries.PageAsync(session, me, ctx.GetArgument<bool?>("requests") ?? false, before, first + 1, ctx.CancellationToken);
            return Connection<Sora.Domain.Messaging.Conversation>.From(rows, first, before is not null, c => c.LastSeq, c => c, c => c.LastActivityAt);
        });

        query.Field<NonNullGraphType<ConversationType>>("conversation").Description("One of your conversations. NOT_FOUND for any other id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var me = ctx.RequireActor().AccountId;
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await ConversationQueries.ForMemberAsync(session, ctx.IdArgument("id"), me, ctx.CancellationToken)
                       ?? throw SoraError.NotFound("The conversation");
            });
    }
}
