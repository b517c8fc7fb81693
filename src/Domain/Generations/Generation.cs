namespace Sora.Domain.Generations;

public enum GenerationStage
{
    Queued,
    Rendering,
    Ready,
    Failed,
    Cancelled,
    Blocked,
}

public enum Publication
{
    None,
    Draft,
    PendingApproval,
    Published,
    Withdrawn,
}

/// <summary>
/// A generation and the video it produced (inline snapshot). <see cref="Stage"/> is the render's life;
/// <see cref="Publication"/> is the video's. A blocked video is never shown, whatever its publication says.
/// </summary>
public sealed record Generation(Guid Id, Guid RequesterId, string RequesterHandle, string Prompt, int DurationSeconds,
    VideoAspect Aspect, VideoResolution Resolution, long Seed, string? ImageMediaId, Guid? RemixOf, GenerationCameo[] Cameos,
    int Price, int FromQuota, int FromBalance, DateOnly QuotaDay, string ClientRequestId, DateTimeOffset RequestedAt)
{
    public GenerationStage Stage { get; init; } = GenerationStage.Queued;
    public Publication Publication { get; init; } = Publication.None;
    public int Attempts { get; init; }
    public string? Reason { get; init; }
    public string? VideoMediaId { get; init; }
    public string? PosterMediaId { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public double RenderedSeconds { get; init; }
    public string? ManifestSha256 { get; init; }
    public string? Model { get; init; }
    public string? Provider { get; init; }
    public bool Refunded { get; init; }
    /// <summary>
    /// The moderation cases holding the video down (its own removal, its creator's ban): never public while any holds,
    /// whatever its publication says. A set, so lifting one hold leaves the others.
    /// </summary>
    public Guid[] TakenDownBy { get; init; } = [];
    /// <summary>The case that age-restricted the video: out of feeds, search and remixing; by link for signed-in adults only.</summary>
    public Guid? AgeRestrictedBy { get; init; }
    /// <summary>Moderators' labels, each with the case that set it (an overturned appeal takes its case's labels back).</summary>
    public VideoLabel[] Labels { get; init; } = [];
    public bool TakenDown => TakenDownBy.Length > 0;
    public Guid[] AwaitingUses { get; init; } = [];
    public DateTimeOffset? ReadyAt { get; init; }
    /// <summary>When the render that produced the video (or the one in progress) started: the queue wait ends there.</summary>
    public DateTimeOffset? RenderStartedAt { get; init; }
    /// <summary>Where the render's time went (null before it was ready, and for renders recorded before it was measured).</summary>
    public RenderTimings? RenderTimings { get; init; }
    public VideoStyle Style { get; init; }
    /// <summary>What the world model understood of the prompt (null for the abstract style, and before the render).</summary>
    public ScenePlan? Scene { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; } = RequestedAt;
    /// <summary>For queries (Marten duplicates it into a column): the cameos this generation shows.</summary>
    public Guid[] CameoIds { get; init; } = Cameos.Select(c => c.CameoId).ToArray();

    public static Generation Create(GenerationRequested e) => new(e.GenerationId, e.RequesterId, e.RequesterHandle, e.Prompt,
        e.DurationSeconds, e.Aspect, e.Resolution, e.Seed, e.ImageMediaId, e.RemixOf, e.Cameos, e.Price, e.FromQuota, e.FromBalance,
        // Requests from before styles existed were all rendered by the CPPN, so they stay that style.
        e.QuotaDay, e.ClientRequestId, e.At) { Style = e.Style ?? VideoStyle.Abstract };

    public Generation Apply(RenderStarted e) => this with { Stage = GenerationStage.Rendering, Attempts = e.Attempt, RenderStartedAt = e.At, UpdatedAt = e.At };

    public Generation Apply(GenerationRendered e) => this with
    {
        Stage = GenerationStage.Ready, Publication = Publication.Draft, VideoMediaId = e.VideoMediaId, PosterMediaId = e.PosterMediaId,
        Width = e.Width, Height = e.Height, RenderedSeconds = e.DurationSeconds, ManifestSha256 = e.ManifestSha256, Model = e.Model,
        Provider = e.Provider, ReadyAt = e.At, RenderTimings = e.Timings, Scene = e.Scene, UpdatedAt = e.At,
    };

    public Generation Apply(GenerationFailed e) => this with { Stage = GenerationStage.Failed, Reason = e.Reason, Refunded = true, UpdatedAt = e.At };

    public Generation Apply(GenerationCancelled e) => this with { Stage = GenerationStage.Cancelled, Reason = "CANCELLED", Refunded = true, UpdatedAt = e.At };

    // Blocked before it was ready: the render is refunded in the same transaction. After: the video stays paid.
    public Generation Apply(GenerationBlocked e) => this with
    {
        Stage = GenerationStage.Blocked, Reason = e.Reason, Refunded = Refunded || Stage is GenerationStage.Queued or GenerationStage.Rendering, UpdatedAt = e.At,
    };

    public Generation Apply(VideoAwaitingApproval e) => this with { Publication = Publication.PendingApproval, AwaitingUses = e.UseIds, UpdatedAt = e.At };

    public Generation Apply(VideoPublished e) => this with { Publication = Publication.Published, AwaitingUses = [], PublishedAt = e.At, UpdatedAt = e.At };

    public Generation Apply(VideoWithdrawn e) => this with { Publication = Publication.Withdrawn, UpdatedAt = e.At };

    public Generation Apply(VideoTakenDown e) => this with { TakenDownBy = [.. TakenDownBy.Where(c => c != e.CaseId), e.CaseId], UpdatedAt = e.At };

    public Generation Apply(VideoLabelled e) =>
        Labels.Any(l => l.Label == e.Label) ? this : this with { Labels = [.. Labels, new VideoLabel(e.Label, e.CaseId)], UpdatedAt = e.At };

    public Generation Apply(VideoAgeRestricted e) => this with { AgeRestrictedBy = AgeRestrictedBy ?? e.CaseId, UpdatedAt = e.At };

    public Generation Apply(VideoAgeRestrictionLifted e) => AgeRestrictedBy == e.CaseId ? this with { AgeRestrictedBy = null, UpdatedAt = e.At } : this;

    public Generation Apply(VideoLabelsLifted e) => this with { Labels = Labels.Where(l => l.CaseId != e.CaseId).ToArray(), UpdatedAt = e.At };

    public Generation Apply(VideoReinstated e) => this with { TakenDownBy = TakenDownBy.Where(c => c != e.CaseId).ToArray(), UpdatedAt = e.At };

    /// <summary>What a refund gives back, to where it was taken from.</summary>
    public Credits.CreditsRefunded Refund(DateTimeOffset at) => new(RequesterId, Id, FromQuota, FromBalance, QuotaDay, at);

    public bool InProgress => Stage is GenerationStage.Queued or GenerationStage.Rendering;

}

public sealed record VideoLabel(Moderation.ContentLabel Label, Guid CaseId);
