using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Moderation;

/// <summary>
/// A moderator opens the reporters' own words on one page of a case's reports (and the statements of its takedown
/// requests). The words may name people, so every opening is recorded: which moderator read which case's texts.
/// </summary>
public sealed record ReadReportTexts(Actor By, Guid CaseId, IReadOnlyList<Guid> ReportIds, IReadOnlyList<Guid> TakedownIds);

/// <summary>The texts by report or takedown id (only those that have words), or why not.</summary>
public sealed record ReportTextsResult(IReadOnlyDictionary<Guid, string> Texts, Refusal? Refusal) : CommandResult(null, Refusal);

/// <summary>
/// Pure: moderators and admins read, never on a case about their own content (the words could tell them who reported),
/// at most one page at a time, and only ids that belong to the case.
/// </summary>
public static class ReadReportTextsDecider
{
    public const int MaxPerRead = 100;

    public static Decision<object> Decide(ReadReportTexts command, ModerationCase? @case, IReadOnlyCollection<Guid> idsOnCase, DateTimeOffset now)
    {
        if (!ModerationPolicy.MayModerate(command.By)) return Decision<object>.Refuse(ErrorCodes.Forbidden, "Only moderators read reports.");
        if (@case is null) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such case.", "caseId");
        if (@case.AuthorId == command.By.AccountId)
            return Decision<object>.Refuse(ErrorCodes.Forbidden, "Another moderator reads the reports on your own content.");
        var asked = command.ReportIds.Concat(command.TakedownIds).Distinct().ToArray();
        if (asked.Length > MaxPerRead) return Decision<object>.Refuse(ErrorCodes.BadUserInput, $"At most {MaxPerRead} texts at a time.");
        var read = asked.Where(idsOnCase.Contains).ToArray();
        if (read.Length == 0) return Decision<object>.Accept();
        return Decision<object>.Accept(new ReportTextsRead(@case.Id, command.By.AccountId, read, now));
    }
}

public static class ReadReportTextsHandler
{
    public static async Task<ReportTextsResult> Handle(ReadReportTexts command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        var @case = await session.LoadAsync<ModerationCase>(command.CaseId, ct);
        var reports = command.ReportIds.Count == 0 || command.ReportIds.Count > ReadReportTextsDecider.MaxPerRead ? []
            : await session.LoadManyAsync<ReportRecord>(ct, command.ReportIds.Distinct().ToArray());
        var takedowns = command.TakedownIds.Count == 0 || command.TakedownIds.Count > ReadReportTextsDecider.MaxPerRead ? []
            : await session.LoadManyAsync<TakedownRecord>(ct, command.TakedownIds.Distinct().ToArray());
        var onCase = reports.Where(r => r.CaseId == command.CaseId).Select(r => r.Id)
            .Concat(takedowns.Where(t => t.CaseId == command.CaseId).Select(t => t.Id)).ToHashSet();
        var decision = ReadReportTextsDecider.Decide(command, @case, onCase, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new ReportTextsResult(new Dictionary<Guid, string>(), refusal);
        if (decision.Events.Count == 0) return new ReportTextsResult(new Dictionary<Guid, string>(), null);

        var read = (ReportTextsRead)decision.Events[0];
        var texts = new Dictionary<Guid, string>();
        var reportIds = read.ReportIds.Where(id => reports.Any(r => r.Id == id)).ToArray();
        foreach (var (id, text) in await vault.OpenManyAsync<string>(session, reportIds, FileReportHandler.TextKind, ct)) texts[id] = text;
        var takedownIds = read.ReportIds.Where(id => takedowns.Any(t => t.Id == id)).ToArray();
        // A takedown's name and email stay sealed: the moderator reads what was asked, not who asked.
        foreach (var (id, contact) in await vault.OpenManyAsync<TakedownContact>(session, takedownIds, RequestTakedownHandler.ContactKind, ct))
            texts[id] = contact.Statement;
        // Its own stream per reading: two moderators reading one case at once never contend on a version.
        session.Events.StartStream(Guid.CreateVersion7(), read);
        await session.SaveChangesAsync(ct);
        return new ReportTextsResult(texts, null);
    }
}
