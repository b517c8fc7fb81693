using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Messaging;
using Sora.Domain.Moderation;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Messaging;

public sealed record ReportedMessage(MessageRecord Record, Guid CaseId);

public sealed class ModeratedMessageType : ObjectGraphType<ReportedMessage>
{
    public ModeratedMessageType()
    {
        Name = "ModeratedMessage";
        Description = "A reported direct message as moderators see it.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Record.Id);
        Field<NonNullGraphType<IdGraphType>>("conversationId").Resolve(ctx => ctx.Source.Record.ConversationId);
        Field<AccountType>("sender").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.Record.SenderId));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("sentAt").Resolve(ctx => ctx.Source.Record.SentAt);
        Field<IdGraphType>("sharedVideoId").Resolve(ctx => ctx.Source.Record.SharedVideoId);
        Field<StringGraphType>("text")
            .Description("The message's text (null once its conversation or its sender's account was deleted). Reading it is recorded in the moderation log.")
            .ResolveAsync(async ctx =>
            {
                var result = await ctx.SendAsync<ReportedMessageText>(new ReadReportedMessage(ctx.RequireActor(), ctx.Source.CaseId));
                if (result.Refusal is { } refusal) throw new SoraError(refusal.Code, refusal.Message);
                return result.Text;
            });
    }
}

/// <summary>The MESSAGE case's field on moderationCase: the message, its text opened by an audited command.</summary>
public static class ReportedMessageFields
{
    public static void Add(ObjectGraphType<ModerationCase> type) =>
        type.Field<ModeratedMessageType>("message").Description("MESSAGE cases: the reported message.")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                if (!ModerationPolicy.MayModerate(actor)) throw SoraError.Forbidden("Only moderators see cases.");
                if (ctx.Source.Target != ReportTarget.Message) return null;
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await session.LoadAsync<MessageRecord>(ctx.Source.TargetId, ctx.CancellationToken) is { } record
                    ? new ReportedMessage(record, ctx.Source.Id)
                    : null;
            });
}
