using Sora.Domain.Common;

namespace Sora.Domain.Generations;

/// <summary>A request for a video. <see cref="ClientRequestId"/> makes retries idempotent (per requester).</summary>
public sealed record RequestGeneration(Actor By, string Prompt, int DurationSeconds, VideoAspect Aspect, VideoResolution Resolution,
    long? Seed, string? ImageMediaId, Guid? RemixOf, string ClientRequestId);

public sealed record GenerationRequestResult(Guid? GenerationId, GenerationPrice? Price, int? QueuePosition, Refusal? Refusal);

public sealed record CancelGeneration(Actor By, Guid GenerationId);

public sealed record PublishVideo(Actor By, Guid GenerationId);

public sealed record WithdrawVideo(Actor By, Guid GenerationId);

/// <summary>The answer to cancel/publish/withdraw: the generation's id, or why not.</summary>
public sealed record GenerationResult(Guid? GenerationId, Refusal? Refusal);

/// <summary>The durable job on the render queue. Workers compete for it; a retry renders from scratch.</summary>
public sealed record RenderVideo(Guid GenerationId);

/// <summary>Looks at every unfinished or published generation showing a cameo after its consent changed.</summary>
public sealed record ReviewCameoGenerations(Guid CameoId);
