using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

/// <summary>The worker took the fingerprint of a removed video's media (<see cref="FingerprintRemovedVideo"/>).</summary>
public sealed record RecordStaydownFingerprint(Guid CaseId, Guid VideoId, string MediaSha256, MediaFingerprint Fingerprint);

/// <summary>
/// A removed video's fingerprint goes into force only while the video is still removed: a restoration that committed
/// while the worker was busy wins. Recording it again is a no-op (the job may be delivered twice).
/// </summary>
public static class RecordStaydownFingerprintDecider
{
    public static Decision<object> Decide(RecordStaydownFingerprint command, ModerationCase? @case, StaydownEntry? entry, DateTimeOffset now)
    {
        if (@case is not { Status: CaseStatus.Removed, Target: ReportTarget.Video } || @case.TargetId != command.VideoId) return Decision<object>.Accept();
        if (entry is { Active: true }) return Decision<object>.Accept();
        var print = command.Fingerprint;
        if (print.Frames.Length == 0 && print.Audio.Length == 0) return Decision<object>.Accept(); // nothing that could match
        return Decision<object>.Accept(new StaydownFingerprintRecorded(Staydown.EntryIdFor(command.VideoId), @case.Id, command.VideoId,
            command.MediaSha256, @case.TopReason, print.Frames, print.Variants, print.Audio, print.Seconds, now));
    }
}

public static class RecordStaydownFingerprintHandler
{
    public static async Task Handle(RecordStaydownFingerprint command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        // Taken by restorations too (Staydown.LiftAsync): either the restoration sees this entry and lifts it, or this
        // sees the case restored and records nothing.
        await AdvisoryLock.AcquireAsync(session, Staydown.LockSpace, command.VideoId, ct);
        var @case = await session.LoadAsync<ModerationCase>(command.CaseId, ct);
        var entry = await session.Events.FetchForWriting<StaydownEntry>(Staydown.EntryIdFor(command.VideoId), ct);
        var decision = RecordStaydownFingerprintDecider.Decide(command, @case, entry.Aggregate, clock.GetUtcNow());
        if (decision.Events.Count == 0) return;
        entry.AppendMany(decision.Events);
        if (await session.LoadAsync<MediaFingerprintRecord>(command.MediaSha256, ct) is null)
            session.Store(new MediaFingerprintRecord { Id = command.MediaSha256, Fingerprint = command.Fingerprint });
        await session.SaveChangesAsync(ct);
    }
}
