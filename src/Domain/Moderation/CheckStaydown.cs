using Marten;
using Sora.Domain.Common;
using Sora.Domain.Media;

namespace Sora.Domain.Moderation;

/// <summary>What is being checked before it may be used or published: the item a case would be about, whose it is, and
/// the input field a refusal names.</summary>
public sealed record StaydownSubject(ReportTarget Target, Guid TargetId, Guid? AuthorId, string Field);

/// <summary>The removed video some content matched, and how well.</summary>
public sealed record StaydownMatch(StaydownEntry Removed, StaydownScore Score);

/// <summary>A fingerprint by the content id of the bytes it was taken from: content-addressed, so it never goes stale,
/// and each upload or video is fingerprinted once however often it is checked.</summary>
public sealed class MediaFingerprintRecord
{
    public string Id { get; set; } = "";
    public MediaFingerprint Fingerprint { get; set; } = new([], [], [], 0);
}

/// <summary>
/// Content that matches a removed video is refused (<see cref="Staydown.MatchesRemovedContent"/>), and the refusal is
/// recorded as a case on the new item, raised by the system: a moderator looks at it (a match can be wrong, and the
/// case is where that is set right). Pure.
/// </summary>
public static class CheckStaydownDecider
{
    public static Decision<object> Decide(StaydownSubject subject, StaydownMatch? match, DateTimeOffset now)
    {
        if (match is null) return Decision<object>.Accept();
        return Decision<object>.RefuseAndRecord(
            new Refusal(Staydown.MatchesRemovedContent, "This matches content a moderator removed; it was sent to moderation.", subject.Field),
            new StaydownMatched(ModerationCase.IdFor(subject.Target, subject.TargetId), subject.Target, subject.TargetId, subject.AuthorId,
                match.Removed.CaseId, match.Removed.VideoId, match.Removed.Reason, Math.Round(match.Score.FrameShare, 3), now));
    }
}

/// <summary>
/// The check every path takes before content is used or published (an upload, an image-to-video input, a remix
/// source, a rendered video at publish). Cheap where nothing was removed (one indexed query) and bounded where
/// something was: the probe's frame bands pick at most <see cref="Candidates"/> removed videos through the GIN index,
/// and only those are compared in full.
/// </summary>
public static class StaydownCheck
{
    public const int Candidates = 16;

    /// <summary>Checks the stored media <paramref name="sha256"/>; a match is appended to the new item's case (the
    /// caller's transaction commits it) and answered as the refusal.</summary>
    public static async Task<Refusal?> CheckAsync(IDocumentSession session, IMediaFingerprinter fingerprinter, IMediaStore media, string sha256,
        StaydownSubject subject, TimeProvider clock, CancellationToken ct)
    {
        if (!await session.Query<StaydownEntry>().AnyAsync(e => e.Active, ct)) return null;
        var probe = await FingerprintOfAsync(session, fingerprinter, media, sha256, ct);
        // Media that is not in the store cannot be served either: there is nothing to show, so nothing to match.
        if (probe is null) return null;
        var decision = CheckStaydownDecider.Decide(subject, await FindAsync(session, probe, ct), clock.GetUtcNow());
        foreach (var e in decision.Events.OfType<StaydownMatched>())
        {
            var stream = await session.Events.FetchForWriting<ModerationCase>(e.CaseId, ct);
            // One match opens the case; repeating the refused attempt while it waits for a moderator adds nothing, so a
            // requester cannot write without end onto a case or push it up the queue.
            if (stream.Aggregate is { Status: CaseStatus.Open, StaydownMatches: > 0 }) continue;
            stream.AppendOne(e);
        }
        return decision.Refusal;
    }

    public static async Task<MediaFingerprint?> FingerprintOfAsync(IDocumentSession session, IMediaFingerprinter fingerprinter, IMediaStore media,
        string sha256, CancellationToken ct)
    {
        if (await session.LoadAsync<MediaFingerprintRecord>(sha256, ct) is { } known) return known.Fingerprint;
        if (media.LocalPath(sha256) is not { } path) return null;
        var print = await fingerprinter.FingerprintAsync(path, ct);
        session.Store(new MediaFingerprintRecord { Id = sha256, Fingerprint = print });
        return print;
    }

    /// <summary>The best-matching removed video still in force, if any matches.</summary>
    public static async Task<StaydownMatch?> FindAsync(IQuerySession session, MediaFingerprint probe, CancellationToken ct)
    {
        var bands = StaydownMatcher.ProbeBands(probe);
        if (bands.Length == 0) return null;
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        // Candidates share at least one exact band with the probe (the GIN index answers that), ranked by how many.
        var ids = await session.QueryAsync<Guid>(
            $"select d.id from {schema}.mt_doc_staydownentry d where d.active and d.bands && ? " +
            "order by (select count(*) from unnest(d.bands) b where b = any(?)) desc, d.id limit ?", ct, bands, bands, Candidates);
        if (ids.Count == 0) return null;
        return (await session.LoadManyAsync<StaydownEntry>(ct, ids))
            .Where(e => e.Active)
            .Select(e => new StaydownMatch(e, StaydownMatcher.Score(probe, e)))
            .Where(m => StaydownMatcher.Matches(probe, m.Score))
            .OrderByDescending(m => m.Score.FrameShare).ThenBy(m => m.Score.AudioBer)
            .FirstOrDefault();
    }
}
