using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Messaging;
using Sora.Domain.Privacy;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Generations;
using Sora.Projections.Messaging;

namespace Sora.GraphQL.Schema.Messaging;

/// <summary>A message as a member sees it: its record, its text (opened with the page) and the conversation (for read marks).</summary>
public sealed record MessageView(MessageRecord Record, string? Text, Conversation Conversation);

public sealed class MessageType : ObjectGraphType<MessageView>
{
    public MessageType()
    {
        Name = "Message";
        Description = "A direct message. Its text is sealed under the conversation's key: null once the conversation or its sender's account is deleted.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Record.Id);
        Field<NonNullGraphType<IdGraphType>>("conversationId").Resolve(ctx => ctx.Source.Record.ConversationId);
        Field<AccountType>("sender").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.Record.SenderId));
        Field<StringGraphType>("text").Resolve(ctx => ctx.Source.Text);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("sentAt").Resolve(ctx => ctx.Source.Record.SentAt);
        Field<VideoType>("sharedVideo")
            .Description("The video shared, if you may see it now (the rule of video(id), checked at every read); null otherwise.")
            .ResolveAsync(async ctx => ctx.Source.Record.SharedVideoId is { } id ? await VideoQueries.VisibleAsync(ctx, id) : null);
        Field<NonNullGraphType<BooleanGraphType>>("sharedVideoUnavailable")
            .Description("A video was shared but is not available to you now (withdrawn, removed, blocked or never visible to you).")
            .ResolveAsync(async ctx => ctx.Source.Record.SharedVideoId is { } id && await VideoQueries.VisibleAsync(ctx, id) is null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccountType>>>>("readBy")
            .Description("The members it reached who have read up to it (read receipts). At most the group's size.")
            .Resolve(ctx =>
            {
                var record = ctx.Source.Record;
                var readers = ctx.Source.Conversation.ReadMarks
                    .Where(m => m.Seq >= record.Seq && m.AccountId != record.SenderId && record.RecipientIds.Contains(m.AccountId))
                    .Select(m => m.AccountId);
                return ctx.Sora().Loaders.Accounts.LoadMany(readers);
            });
    }
}

public sealed class MessageEdgeType() : EdgeType<MessageType, MessageView>("MessageEdge");

public sealed class MessageConnectionType() : ConnectionType<MessageEdgeType, MessageView>("MessageConnection", "Messages, newest first.");

public sealed class ConversationType : ObjectGraphType<Conversation>
{
    public ConversationType()
    {
        Name = "Conversation";
        Description = "A one-to-one conversation or a group (at most 32 members). Only its members see it.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(x => x.IsGroup);
        Field<AccountType>("startedBy").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.StartedBy));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccountType>>>>("members")
            .Description("Everyone in it, you included (an account that blocks you is left out). At most 32.")
            .Resolve(ctx => ctx.Sora().Loaders.Accounts.LoadMany(ctx.Source.Members));
        Field(x => x.StartedAt);
        Field(x => x.LastActivityAt).Description("Its last message, or its start: the conversation list is ordered by it.");
        Field<NonNullGraphType<BooleanGraphType>>("isRequest").Description("A message request to you: accept or decline it.")
            .Resolve(ctx => ctx.Source.IsRequestFor(ctx.RequireActor().AccountId));
        Field<NonNullGraphType<BooleanGraphType>>("awaitingAcceptance").Description("Your message request, not yet accepted: you can send nothing more until it is.")
            .Resolve(ctx => ctx.Source.Pending.Length > 0 && ctx.Source.StartedBy == ctx.RequireActor().AccountId);
        Field<NonNullGraphType<BooleanGraphType>>("declined").Description("The request was declined: nothing more can be sent by its starter.")
            .Resolve(ctx => ctx.Source.DeclinedBy is not null);
        Field<IdGraphType>("readUpTo").Description("The last message you marked read.")
            .Resolve(ctx => ctx.Source.MarkOf(ctx.RequireActor().AccountId)?.MessageId);

        var messages = Field<NonNullGraphType<MessageConnectionType>>("messages").Description("Its messages you received or sent, newest first.");
        messages.AddPagingArguments();
        messages.ResolveAsync(async ctx =>
        {
            var me = ctx.RequireActor().AccountId;
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var before = Paging.Decode(ctx.GetArgument<string?>("after"));
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var rows = await ConversationQueries.MessagesAsync(session, ctx.Source.Id, me, before, first + 1, ctx.CancellationToken);
            // The page's texts, opened together (one round trip for the key and the records).
            var texts = await MessageTexts.OpenAsync(session, ctx.Service<PersonalDataVault>(), ctx.Source.Id,
                rows.Take(first).Where(r => r.HasText).Select(r => r.Id).ToArray(), ctx.CancellationToken);
            return Common.Connection<MessageView>.From(rows, first, before is not null, r => r.Seq,
                r => new MessageView(r, texts.GetValueOrDefault(r.Id), ctx.Source), r => r.SentAt);
        });
    }
}

public sealed class ConversationEdgeType() : EdgeType<ConversationType, Conversation>("ConversationEdge");

public sealed class ConversationConnectionType() : ConnectionType<ConversationEdgeType, Conversation>("ConversationConnection",
    "Conversations by last activity, newest first.");

public static class MessageViews
{
    /// <summary>One message as the viewer sees it, or null when it is not theirs to see (not delivered to them, or they left).</summary>
    public static async Task<MessageView?> LoadAsync(IResolveFieldContext ctx, Guid messageId)
    {
        var me = ctx.RequireActor().AccountId;
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        if (await session.LoadAsync<MessageRecord>(messageId, ctx.CancellationToken) is not { } record || !record.DeliveredTo(me)) return null;
        if (await ConversationQueries.ForMemberAsync(session, record.ConversationId, me, ctx.CancellationToken) is not { } conversation) return null;
        var text = record.HasText
            ? (await MessageTexts.OpenAsync(session, ctx.Service<PersonalDataVault>(), conversation.Id, [record.Id], ctx.CancellationToken)).GetValueOrDefault(record.Id)
            : null;
        return new MessageView(record, text, conversation);
    }
}
