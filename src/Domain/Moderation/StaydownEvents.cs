using JasperFx.Events.Projections;
using Marten;
using NpgsqlTypes;
using Sora.Domain.Common;
using Weasel.Postgresql.Tables;

namespace Sora.Domain.Moderation;

/// <summary>
/// A perceptual fingerprint of media: 63-bit DCT hashes of sampled frames, each frame's variants (mirrored, and as
/// copies cropped by 10 % would show it, both ways), and the Chromaprint of its sound (empty for an image or a silent clip). What it is made of is in docs/moderation.md.
/// </summary>
public sealed record MediaFingerprint(long[] Frames, long[] Variants, int[] Audio, double Seconds)
{
    public bool IsImage => Seconds <= 0;
}

/// <summary>A removed video's fingerprint was recorded: copies of it are refused from now on.</summary>
public sealed record StaydownFingerprintRecorded(Guid EntryId, Guid CaseId, Guid VideoId, string MediaSha256, ReportReason Reason,
    long[] Frames, long[] Variants, int[] Audio, double Seconds, DateTimeOffset At);

/// <summary>The removal was undone (restored, or overturned on appeal): its copies pass again.</summary>
public sealed record StaydownLifted(Guid EntryId, Guid CaseId, Guid VideoId, DateTimeOffset At);

/// <summary>
/// New content matched removed content and was refused: a case on the new item, raised by the system (no reporter).
/// <paramref name="FrameShare"/> is the share of its frames that matched.
/// </summary>
public sealed record StaydownMatched(Guid CaseId, ReportTarget Target, Guid TargetId, Guid? AuthorId, Guid MatchedCaseId, Guid MatchedVideoId,
    ReportReason Reason, double FrameShare, DateTimeOffset At);

/// <summary>The worker's job after a removal: fingerprint the removed video's media (queue "staydown").</summary>
public sealed record FingerprintRemovedVideo(Guid CaseId, Guid VideoId);

/// <summary>
/// Staydown's part of the store and of the workers, kept out of <see cref="ModerationFeature"/>'s own lines so that it
/// merges on its own.
/// </summary>
public static class Staydown
{
    public const string MatchesRemovedContent = "MATCHES_REMOVED_CONTENT";
    public const string Queue = "staydown";
    /// <summary>Advisory lock space ("SoMS"): one removed video's staydown, recorded by the worker or lifted by a restoration.</summary>
    public const int LockSpace = 0x536F4D53;

    public static IEnumerable<string> UserErrorCodes => [MatchesRemovedContent];

    public static IEnumerable<WorkerJob> Jobs => [new(typeof(FingerprintRemovedVideo), Queue)];

    public static Guid EntryIdFor(Guid videoId) => DeterministicGuid.From("staydown", videoId);

    /// <summary>The case item id of one account's upload (uploads are keyed per owner and content, not by a Guid).</summary>
    public static Guid UploadItemId(Guid owner, string sha256) => DeterministicGuid.From("upload|" + sha256, owner);

    /// <summary>
    /// What follows a moderator's decision (called by <see cref="CaseActions.CommitAsync"/>, in its transaction): a
    /// removed video is sent to be fingerprinted; a restored one's staydown is lifted at once.
    /// </summary>
    public static async Task FollowAsync(IDocumentSession session, Wolverine.IMessageBus? bus, IReadOnlyList<object> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case ContentRemoved { Target: ReportTarget.Video } removed:
                    if (bus is null) throw new InvalidOperationException("A video's removal sends its staydown job: pass the message bus.");
                    await bus.SendAsync(new FingerprintRemovedVideo(removed.CaseId, removed.TargetId));
                    break;
                case ContentRestored { Target: ReportTarget.Video } restored:
                    await AdvisoryLock.AcquireAsync(session, LockSpace, restored.TargetId, ct);
                    var entry = await session.Events.FetchForWriting<StaydownEntry>(EntryIdFor(restored.TargetId), ct);
                    if (entry.Aggregate is { Active: true })
                        entry.AppendOne(new StaydownLifted(entry.Aggregate.Id, restored.CaseId, restored.TargetId, restored.At));
                    break;
            }
        }
    }

    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<StaydownFingerprintRecorded>("staydown_fingerprint_recorded");
        opts.Events.MapEventType<StaydownLifted>("staydown_lifted");
        opts.Events.MapEventType<StaydownMatched>("staydown_matched");
        // Inline: a publish decided right after a removal's fingerprint commits sees it.
        opts.Projections.Snapshot<StaydownEntry>(SnapshotLifecycle.Inline);
        // The candidate index: 16-bit bands of every frame hash, in a GIN-indexed int[] (see StaydownCheck).
        opts.Schema.For<StaydownEntry>().Duplicate(e => e.Active)
            .Duplicate(e => e.Bands, pgType: "integer[]", dbType: NpgsqlDbType.Array | NpgsqlDbType.Integer, configure: i => i.Method = IndexMethod.gin);
    }
}

/// <summary>One removed video's fingerprint, in force while <see cref="Active"/> (inline snapshot, by video).</summary>
public sealed record StaydownEntry(Guid Id, Guid CaseId, Guid VideoId, ReportReason Reason, long[] Frames, long[] Variants, int[] Audio,
    double Seconds, DateTimeOffset At)
{
    public bool Active { get; init; } = true;
    public int[] Bands { get; init; } = StaydownMatcher.Bands([.. Frames, .. Variants]);

    public static StaydownEntry Create(StaydownFingerprintRecorded e) =>
        new(e.EntryId, e.CaseId, e.VideoId, e.Reason, e.Frames, e.Variants, e.Audio, e.Seconds, e.At);

    /// <summary>Removed again after a restoration: in force again, with the fingerprint just taken.</summary>
    public StaydownEntry Apply(StaydownFingerprintRecorded e) => Create(e);

    public StaydownEntry Apply(StaydownLifted e) => this with { Active = false };
}
