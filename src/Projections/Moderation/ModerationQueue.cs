using Marten;
using Sora.Domain.Moderation;

namespace Sora.Projections.Moderation;

/// <summary>Which open cases a moderator asks for.</summary>
/// <param name="AppealsOnly">Removals whose author appealed, waiting for a second moderator (instead of open cases).</param>
public sealed record QueueFilter(bool OverdueOnly, ReportTarget? Target, bool AppealsOnly = false);

/// <summary>
/// The moderation queue: open cases, most urgent first (docs/moderation.md): the priority class (likeness without
/// consent, minors and sexual content first), then how many reports, then the video's reach (views), then the oldest.
/// Reach moves while moderators work, so pages are positions in the ordering, not keys.
/// </summary>
public static class ModerationQueue
{
    /// <param name="moderator">Whose queue it is: cases about their own content are not in it (another moderator's, and
    /// the reports' reasons and times could tell them who reported).</param>
    public static async Task<IReadOnlyList<ModerationCase>> PageAsync(IQuerySession session, QueueFilter filter, int skip, int take,
        DateTimeOffset now, Guid moderator, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var where = filter.AppealsOnly ? "d.appeal_pending = ?" : "d.status = ?";
        var args = new List<object> { filter.AppealsOnly ? true : (int)CaseStatus.Open };
        if (filter.OverdueOnly)
        {
            where += " and d.due_at < ?";
            args.Add(now);
        }
        if (filter.Target is { } target)
        {
            where += " and d.target = ?";
            args.Add((int)target);
        }
        where += " and coalesce(d.data ->> 'AuthorId', '') <> ?";
        args.Add(moderator.ToString());
        args.Add(skip);
        args.Add(take);
        var ids = await session.QueryAsync<Guid>(
            $"select d.id from {schema}.mt_doc_moderationcase d " +
            $"left join {schema}.mt_doc_videostats s on s.id = (d.data ->> 'TargetId')::uuid " +
            $"where {where} order by d.priority_class, d.report_count desc, coalesce((s.data ->> 'Views')::int, 0) desc, d.opened_at, d.id " +
            "offset ? limit ?", ct, args.ToArray());
        var cases = (await session.LoadManyAsync<ModerationCase>(ct, ids)).ToDictionary(c => c.Id);
        return ids.Where(cases.ContainsKey).Select(id => cases[id]).ToList();
    }
}
