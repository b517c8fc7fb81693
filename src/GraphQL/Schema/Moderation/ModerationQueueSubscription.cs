using Sora.Domain.Notifications;
using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Moderation;
using Sora.GraphQL.Notifications;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Moderation;
using Sora.Projections.Notifications;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class ModerationChangeType : EnumerationGraphType<ModerationChange>
{
    public ModerationChangeType()
    {
        Name = "ModerationChange";
        Description = "What happened to a case: a report, a takedown request or an appeal came in, or a moderator decided.";
    }
}

public sealed class ModerationQueueUpdateType : ObjectGraphType<UserNotification>
{
    public ModerationQueueUpdateType()
    {
        Name = "ModerationQueueUpdate";
        Description = "A case was opened or changed. Nothing here names a reporter or the moderator who acted.";
        Field<NonNullGraphType<IdGraphType>>("caseId").Resolve(ctx => ctx.Source.CaseId);
        Field<NonNullGraphType<ModerationChangeType>>("change").Resolve(ctx => ctx.Source.Change);
        Field(x => x.At);
        Field<NonNullGraphType<StringGraphType>>("sequence").Description("The event's global sequence number (ordering, de-duplication).")
            .Resolve(ctx => ctx.Source.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<ModerationCaseType>("case").Description("The case as it stands now (read after the change committed); null for a case about your own content.")
            .ResolveAsync(async ctx =>
            {
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var @case = await session.LoadAsync<ModerationCase>(ctx.Source.CaseId!.Value, ctx.CancellationToken);
                // As in the queue: a moderator does not read the cases about their own content.
                return @case is not null && @case.AuthorId == ctx.Viewer().AccountId ? null : @case;
            });
    }
}

/// <summary>moderationQueueUpdated (moderators), and the outcome fields a reporter's userEvents carry.</summary>
public static class ModerationQueueSubscription
{
    public static void Add(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<ModerationQueueUpdateType>, UserNotification>("moderationQueueUpdated")
            .Description("New and updated cases as they commit on any node: reports, takedown requests, appeals and actions. Moderators and admins.")
            .ResolveStream(ctx =>
            {
                // Refused at subscribe time, with a typed error: a non-moderator never gets a stream to wait on.
                if (!ModerationPolicy.MayModerate(ctx.RequireActor())) throw SoraError.Forbidden("Only moderators follow the queue.");
                return ctx.Service<NotificationHub>().For(ModerationNotifications.QueueTopic);
            });

    public static void AddReportOutcomeFields(ObjectGraphType<UserNotification> type)
    {
        type.Field<IdGraphType>("reportId").Description("REPORT_OUTCOME: which of your reports (as myReports lists it).").Resolve(ctx => ctx.Source.ReportId);
        type.Field<ModerationChangeType>("reportOutcome").Description("REPORT_OUTCOME: what moderators decided on the case you reported.")
            .Resolve(ctx => ctx.Source.Kind == NotificationKind.ReportOutcome ? ctx.Source.Change : null);
    }
}
