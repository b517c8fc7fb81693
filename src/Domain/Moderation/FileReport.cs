using Marten;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.Domain.Generations;
using Sora.Domain.Privacy;

namespace Sora.Domain.Moderation;

/// <summary>A report on a video, a comment, an account, a use of the reporter's cameo or a message the reporter received.</summary>
public sealed record FileReport(Actor By, ReportTarget Target, Guid TargetId, ReportReason Reason, string? Text);

/// <summary>What the handler found about the reported item: whether the reporter may report it, and whose it is.</summary>
public sealed record ReportedItem(bool Reportable, Guid? AuthorId);

/// <summary>
/// A report (pure): the item must exist and be one the reporter can see; nobody reports themselves; the same account
/// reporting the same item again is answered with its first report (idempotent); at most
/// <see cref="ModerationPolicy.ReportsPerHour"/> an hour.
/// </summary>
public static class FileReportDecider
{
    public const string RateLimited = "RATE_LIMITED";

    public static Guid ReportIdFor(Guid reporter, ReportTarget target, Guid targetId) =>
        DeterministicGuid.From("report|" + target, reporter, targetId);

    public static Decision<object> Decide(FileReport command, ReportedItem item, bool alreadyReported, int reportsLastHour, DateTimeOffset now)
    {
        if (command.Text is { Length: > ModerationPolicy.MaxTextLength })
            return Decision<object>.Refuse(ErrorCodes.BadUserInput, $"Say it in at most {ModerationPolicy.MaxTextLength} characters.", "text");
        if (!item.Reportable) return Decision<object>.Refuse(ErrorCodes.NotFound, "Nothing to report there.", "targetId");
        if (item.AuthorId == command.By.AccountId) return Decision<object>.Refuse(ErrorCodes.CannotTargetSelf, "That is yours.", "targetId");
        if (alreadyReported) return Decision<object>.Accept();
        if (reportsLastHour >= ModerationPolicy.ReportsPerHour)
            return Decision<object>.Refuse(RateLimited, $"At most {ModerationPolicy.ReportsPerHour} reports an hour; try again later.");
        var reportId = ReportIdFor(command.By.AccountId, command.Target, command.TargetId);
        return Decision<object>.Accept(new ReportFiled(reportId, ModerationCase.IdFor(command.Target, command.TargetId), command.By.AccountId,
            command.Target, command.TargetId, item.AuthorId, command.Reason, !string.IsNullOrWhiteSpace(command.Text), now));
    }
}

public static class FileReportHandler
{
    /// <summary>Vault record kind of a report's own words (sealed under the report: deletable, never in an event).</summary>
    public const string TextKind = "report-text";

    public static async Task<CommandResult> Handle(FileReport command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        var reporter = command.By.AccountId;
        var now = clock.GetUtcNow();
        // One account's reports take turns, so the hourly limit and "already reported" are exact under concurrency.
        await AdvisoryLock.AcquireAsync(session, AdvisoryLock.Reporter, reporter, ct);
        var reportId = FileReportDecider.ReportIdFor(reporter, command.Target, command.TargetId);
        var already = await session.LoadAsync<ReportRecord>(reportId, ct) is not null;
        var since = now.AddHours(-1);
        var recent = await session.Query<ReportRecord>().CountAsync(r => r.ReporterId == reporter && r.At > since, ct);
        var decision = FileReportDecider.Decide(command, await ItemAsync(session, command, ct), already, recent, now);
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count == 0) return CommandResult.Ok(reportId);

        var filed = (ReportFiled)decision.Events[0];
        var stream = await session.Events.FetchForWriting<ModerationCase>(filed.CaseId, ct);
        stream.AppendOne(filed);
        if (filed.WithText) await vault.SealAsync(session, reportId, TextKind, command.Text!.Trim(), ct);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(reportId);
    }

    /// <summary>Whether the reporter can see the item (only what one can see can be reported), and whose it is.</summary>
    private static async Task<ReportedItem> ItemAsync(IQuerySession session, FileReport command, CancellationToken ct)
    {
        var reporter = command.By.AccountId;
        switch (command.Target)
        {
            case ReportTarget.Video:
                var generation = await session.LoadAsync<Generation>(command.TargetId, ct);
                if (generation is null) return new(false, null);
                // The public video, or one that shows the reporter's own likeness (they see it wherever it is).
                var visible = await VideoVisibility.VisibleToAsync(session, generation.Id, reporter, ct) is not null
                              || (generation.VideoMediaId is not null && generation.Cameos.Any(c => c.OwnerId == reporter));
                return new(visible, generation.RequesterId);
            case ReportTarget.Comment:
                var comment = await session.LoadAsync<Comment>(command.TargetId, ct);
                if (comment is not { Deleted: false }) return new(false, null);
                return new(await VideoVisibility.VisibleToAsync(session, comment.VideoId, reporter, ct) is not null, comment.AuthorId);
            case ReportTarget.Account:
                return await session.LoadAsync<Accounts.Account>(command.TargetId, ct) is { } account ? new(true, account.Id) : new(false, null);
            case ReportTarget.CameoUse:
                // A use of a cameo is seen by the cameo's owner: they report a use of their likeness.
                var use = await session.LoadAsync<CameoUsage>(command.TargetId, ct);
                var cameo = use is null ? null : await session.LoadAsync<Cameo>(use.CameoId, ct);
                return cameo is not null && cameo.OwnerId == reporter ? new(true, use!.RequesterId) : new(false, null);
            case ReportTarget.Message:
                // A message is reported by someone it was delivered to, while its conversation stands.
                var message = await session.LoadAsync<Messaging.MessageRecord>(command.TargetId, ct);
                if (message is null || !message.RecipientIds.Contains(reporter)) return new(false, null);
                return await session.LoadAsync<Messaging.Conversation>(message.ConversationId, ct) is { Deleted: false }
                    ? new(true, message.SenderId)
                    : new(false, null);
            default:
                return new(false, null);
        }
    }
}
