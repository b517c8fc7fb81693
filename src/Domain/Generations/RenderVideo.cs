namespace Sora.Domain.Generations;

/// <summary>
/// The durable job on the render queue. Workers compete for it; a retry renders from scratch. The worker reports back
/// with <see cref="StartRender"/>, then <see cref="FinishRender"/> or <see cref="FailRender"/>: it decides nothing.
/// </summary>
public sealed record RenderVideo(Guid GenerationId);
