using System.Text.Json;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Moderation;

namespace Sora.Projections.Moderation;

public sealed record KindCount(string Kind, int Count);

/// <summary>Time from a case's first report (since its previous action) to the action that answered it, in seconds.</summary>
public sealed record TimeToAction(int Count, double? MedianSeconds, double? P95Seconds);

public sealed record AppealFigures(int Filed, int Upheld, int Overturned, double? MedianSecondsToDecide);

public sealed record TakedownFigures(int Filed, IReadOnlyList<KindCount> ByOutcome);

public sealed record TransparencyFigures(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<KindCount> ReportsByReason, IReadOnlyList<KindCount> ActionsByKind,
    TimeToAction TimeToAction, AppealFigures Appeals, TakedownFigures Takedowns);

/// <summary>
/// The transparency report (docs/moderation.md): aggregate counts over a window [from, to), nothing that names anyone.
/// One statement over the moderation records' duplicated, indexed columns; percentiles are nearest-rank
/// (<c>percentile_disc</c>), so each figure is a time that actually occurred.
/// </summary>
public static class TransparencyReport
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    /// <summary>Why a window is refused, or null: <paramref name="from"/> before <paramref name="to"/>, at most 366 days.</summary>
    public static Refusal? Check(DateTimeOffset from, DateTimeOffset to) =>
        from >= to ? new Refusal(ErrorCodes.BadUserInput, "'from' must be before 'to'.", "from")
        : to - from > MaxRange ? new Refusal(ErrorCodes.BadUserInput, "A report covers at most 366 days.", "to")
        : null;

    public static async Task<TransparencyFigures> ComputeAsync(IQuerySession session, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Schema;
        var reports = schema.For<ReportRecord>();
        var actions = schema.For<ModerationActionRecord>();
        var takedowns = schema.For<TakedownIntakeRecord>();
        var cases = schema.For<ModerationCase>();
        // Audited accesses are in the log, not actions: neither is counted, nor taken as the action that answered a case.
        const string read = ModerationRecordsProjection.ReadReportTextsAction;
        const string evidence = ModerationRecordsProjection.OpenDisputeEvidenceAction;
        var sql = $"""
            with p as (select ?::timestamptz as f, ?::timestamptz as t),
            rep as (select r.reason, count(*)::int n from {reports} r, p where r.at >= p.f and r.at < p.t group by r.reason),
            act as (select a.action, count(*)::int n from {actions} a, p where a.at >= p.f and a.at < p.t and a.action not in ('{read}', '{evidence}') group by a.action),
            acted as (
              select a.case_id, a.seq, a.at,
                (select max(b.seq) from {actions} b where b.case_id = a.case_id and b.seq < a.seq and b.action not in ('{read}', '{evidence}')) as prev_seq
              from {actions} a, p where a.at >= p.f and a.at < p.t and a.action not in ('{read}', '{evidence}')),
            intake as (select case_id, seq, at from {reports} union all select case_id, seq, at from {takedowns}),
            waited as (
              select extract(epoch from (x.at - min(i.at)))::float8 as secs from acted x
              join intake i on i.case_id = x.case_id and i.seq < x.seq and i.seq > coalesce(x.prev_seq, 0)
              group by x.case_id, x.seq, x.at),
            ap as (
              select count(*) filter (where c.appeal_filed_at >= p.f and c.appeal_filed_at < p.t)::int as filed,
                count(*) filter (where c.appeal_decided_at >= p.f and c.appeal_decided_at < p.t and (c.data ->> 'AppealUpheld')::boolean)::int as upheld,
                count(*) filter (where c.appeal_decided_at >= p.f and c.appeal_decided_at < p.t and not (c.data ->> 'AppealUpheld')::boolean)::int as overturned,
                percentile_disc(0.5) within group (order by extract(epoch from (c.appeal_decided_at - c.appeal_filed_at))::float8)
                  filter (where c.appeal_decided_at >= p.f and c.appeal_decided_at < p.t) as median
              from {cases} c, p
              where (c.appeal_filed_at >= p.f and c.appeal_filed_at < p.t) or (c.appeal_decided_at >= p.f and c.appeal_decided_at < p.t)),
            td as (
              select coalesce(o.action, 'PENDING') as outcome, count(*)::int as n from {takedowns} t cross join p
              left join lateral (select a.action from {actions} a where a.case_id = t.case_id and a.seq > t.seq and a.action not in ('{read}', '{evidence}')
                                 order by a.seq limit 1) o on true
              where t.at >= p.f and t.at < p.t group by 1)
            select json_build_object(
              'reports', (select coalesce(json_agg(json_build_object('k', reason, 'n', n) order by reason), '[]'::json) from rep),
              'actions', (select coalesce(json_agg(json_build_object('k', action, 'n', n) order by action), '[]'::json) from act),
              'acted', (select count(*) from waited),
              'median', (select percentile_disc(0.5) within group (order by secs) from waited),
              'p95', (select percentile_disc(0.95) within group (order by secs) from waited),
              'appeals', (select row_to_json(ap) from ap),
              'takedowns', (select coalesce(json_agg(json_build_object('k', outcome, 'n', n) order by outcome), '[]'::json) from td))::text
            """;
        var json = (await session.QueryAsync<string>(sql, ct, from.ToUniversalTime(), to.ToUniversalTime())).Single();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        static double? Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
        static List<KindCount> Counts(JsonElement e, Func<JsonElement, string> kind) =>
            e.EnumerateArray().Select(x => new KindCount(kind(x.GetProperty("k")), x.GetProperty("n").GetInt32())).ToList();

        var byReason = Counts(root.GetProperty("reports"), k => ((ReportReason)k.GetInt32()).ToString());
        var ap = root.GetProperty("appeals");
        var takedownCounts = Counts(root.GetProperty("takedowns"), k => k.GetString()!);
        return new TransparencyFigures(from, to, byReason, Counts(root.GetProperty("actions"), k => k.GetString()!),
            new TimeToAction(root.GetProperty("acted").GetInt32(), Number(root.GetProperty("median")), Number(root.GetProperty("p95"))),
            new AppealFigures(ap.GetProperty("filed").GetInt32(), ap.GetProperty("upheld").GetInt32(), ap.GetProperty("overturned").GetInt32(),
                Number(ap.GetProperty("median"))),
            new TakedownFigures(takedownCounts.Sum(c => c.Count), takedownCounts));
    }
}
