using Marten;

namespace Sora.Domain.Generations;

/// <summary>
/// A likeness in a generation: whose, the use (consent receipt) that allowed it, and how it entered the video
/// (<see cref="Path"/>, added later: generations stored before it read as mentions, which they all were).
/// </summary>
public sealed record GenerationCameo(Guid CameoId, Guid OwnerId, string Handle, Guid UseId, string ReceiptHash,
    Cameos.CameoUsePath Path = Cameos.CameoUsePath.Mention);

// One stream per generation; the video it produces keeps the same id (a generation is the video's history).

public sealed record GenerationRequested(
    Guid GenerationId, Guid RequesterId, string RequesterHandle, string Prompt, int DurationSeconds, VideoAspect Aspect,
    VideoResolution Resolution, long Seed, string? ImageMediaId, Guid? RemixOf, GenerationCameo[] Cameos, int Price,
    int FromQuota, int FromBalance, DateOnly QuotaDay, string ClientRequestId, DateTimeOffset At, VideoStyle? Style = null);

public sealed record RenderStarted(Guid GenerationId, Guid RequesterId, int Attempt, string Worker, DateTimeOffset At);

/// <summary>
/// The MP4 and poster are stored; the video is a draft its requester can publish. <paramref name="Timings"/> was added
/// later: renders recorded before it read as null (not measured).
/// </summary>
public sealed record GenerationRendered(
    Guid GenerationId, Guid RequesterId, string VideoMediaId, string PosterMediaId, int Width, int Height, double DurationSeconds, long Bytes,
    string ManifestSha256, string Model, string Provider, DateTimeOffset At, RenderTimings? Timings = null, ScenePlan? Scene = null);

public sealed record GenerationFailed(Guid GenerationId, Guid RequesterId, string Reason, string Detail, DateTimeOffset At);

public sealed record GenerationCancelled(Guid GenerationId, Guid RequesterId, Guid By, DateTimeOffset At);

/// <summary>Consent for a cameo in it lapsed (revoked, blocked, deactivated, declined, removed): never shown.</summary>
public sealed record GenerationBlocked(Guid GenerationId, Guid RequesterId, string Reason, Guid? CameoId, DateTimeOffset At);

public sealed record VideoPublished(Guid GenerationId, Guid By, DateTimeOffset At);

/// <summary>Publishing waits for the owners of these cameo uses to approve them.</summary>
public sealed record VideoAwaitingApproval(Guid GenerationId, Guid[] UseIds, DateTimeOffset At);

/// <summary>The creator took the video down (or unpublished it): it leaves every surface.</summary>
public sealed record VideoWithdrawn(Guid GenerationId, Guid By, DateTimeOffset At);

/// <summary>A moderator took the video down (case <paramref name="CaseId"/>): it leaves the public with its remixes.</summary>
public sealed record VideoTakenDown(Guid GenerationId, Guid CaseId, Guid ModeratorId, DateTimeOffset At);

/// <summary>A moderator put it back: public again where it still may be.</summary>
public sealed record VideoReinstated(Guid GenerationId, Guid CaseId, Guid ModeratorId, DateTimeOffset At);

/// <summary>A moderator labelled the video on case <paramref name="CaseId"/>: it stays up, and viewers are told what it shows.</summary>
public sealed record VideoLabelled(Guid GenerationId, Guid CaseId, Moderation.ContentLabel Label, Guid ModeratorId, DateTimeOffset At);

/// <summary>
/// A moderator age-restricted the video on case <paramref name="CaseId"/>: it leaves feeds, search and remixing, and
/// only signed-in adults reach it by its link.
/// </summary>
public sealed record VideoAgeRestricted(Guid GenerationId, Guid CaseId, Guid ModeratorId, DateTimeOffset At);

/// <summary>An overturned appeal lifted the age restriction that case put on the video.</summary>
public sealed record VideoAgeRestrictionLifted(Guid GenerationId, Guid CaseId, Guid ModeratorId, DateTimeOffset At);

/// <summary>An overturned appeal took back the labels that case put on the video.</summary>
public sealed record VideoLabelsLifted(Guid GenerationId, Guid CaseId, Guid ModeratorId, DateTimeOffset At);

public static class GenerationEventTypes
{
    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<GenerationRequested>("generation_requested");
        opts.Events.MapEventType<RenderStarted>("render_started");
        opts.Events.MapEventType<GenerationRendered>("generation_rendered");
        opts.Events.MapEventType<GenerationFailed>("generation_failed");
        opts.Events.MapEventType<GenerationCancelled>("generation_cancelled");
        opts.Events.MapEventType<GenerationBlocked>("generation_blocked");
        opts.Events.MapEventType<VideoPublished>("video_published");
        opts.Events.MapEventType<VideoAwaitingApproval>("video_awaiting_approval");
        opts.Events.MapEventType<VideoWithdrawn>("video_withdrawn");
        opts.Events.MapEventType<VideoTakenDown>("video_taken_down");
        opts.Events.MapEventType<VideoLabelled>("video_labelled");
        opts.Events.MapEventType<VideoAgeRestricted>("video_age_restricted");
        opts.Events.MapEventType<VideoAgeRestrictionLifted>("video_age_restriction_lifted");
        opts.Events.MapEventType<VideoLabelsLifted>("video_labels_lifted");
        opts.Events.MapEventType<VideoReinstated>("video_reinstated");
    }
}
