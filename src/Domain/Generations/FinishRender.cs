using Marten;
using Sora.Domain.Common;
using Sora.Domain.Cameos;
using Sora.Domain.Media;

namespace Sora.Domain.Generations;

/// <summary>
/// The worker rendered the video and stored its media (content ids from <see cref="IMediaStore"/>);
/// <paramref name="Timings"/>: where the render's time went.
/// </summary>
public sealed record FinishRender(Guid GenerationId, string VideoSha256, long VideoBytes, string PosterSha256, long PosterBytes,
    string ManifestSha256, string Model, string Provider, RenderTimings? Timings = null, ScenePlan? Scene = null);

/// <summary>
/// A finished render becomes a ready draft, and each cameo's stream records that its use was rendered. When a use
/// lapsed meanwhile, the video is blocked instead (and refunded). A generation no longer rendering (cancelled or
/// blocked meanwhile) is left alone: the media stays unreferenced.
/// </summary>
public static class FinishRenderDecider
{
    public static Decision<object> Decide(FinishRender command, Generation? generation, ConsentCheck consent, DateTimeOffset now)
    {
        if (generation is not { Stage: GenerationStage.Rendering }) return Decision<object>.Accept();
        if (consent.Standing == ConsentStanding.Lapsed) return Decision<object>.Accept(GenerationConsent.Block(generation, consent.Lapsed!, now));
        var (width, height) = GenerationFormat.Size(generation.Aspect, generation.Resolution);
        var events = generation.Cameos.Select(object (c) => new CameoUseRendered(c.CameoId, c.UseId, generation.Id, now)).ToList();
        events.Add(new GenerationRendered(generation.Id, generation.RequesterId, command.VideoSha256, command.PosterSha256, width, height,
            generation.DurationSeconds, command.VideoBytes, command.ManifestSha256, command.Model, command.Provider, now, command.Timings, command.Scene));
        return Decision<object>.Accept([.. events]);
    }
}

public static class FinishRenderHandler
{
    public static async Task Handle(FinishRender command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Generation>(command.GenerationId, ct);
        if (stream.Aggregate is not { Stage: GenerationStage.Rendering } generation) return;
        // Every cameo stream is version-checked: a revocation that commits meanwhile fails this transaction, and the
        // retry (Wolverine's concurrency policy) sees the use withdrawn and blocks.
        foreach (var cameo in generation.Cameos) await session.Events.FetchForWriting<Cameo>(cameo.CameoId, ct);
        var now = clock.GetUtcNow();
        var decision = FinishRenderDecider.Decide(command, generation, await GenerationConsent.CheckAsync(session, generation, ct), now);
        GenerationStreams.Append(session, stream, decision.Events);
        if (decision.Events.OfType<GenerationRendered>().SingleOrDefault() is { } rendered)
        {
            MediaObject Media(MediaKind kind, string sha, string contentType, long bytes) => new()
            {
                Id = MediaObject.KeyFor(kind, generation.RequesterId, sha), Sha256 = sha, Kind = kind, ContentType = contentType, Bytes = bytes,
                Width = rendered.Width, Height = rendered.Height, OwnerId = generation.RequesterId, GenerationId = generation.Id, CreatedAt = now,
            };
            session.Store(Media(MediaKind.Video, command.VideoSha256, "video/mp4", command.VideoBytes),
                Media(MediaKind.Poster, command.PosterSha256, "image/jpeg", command.PosterBytes));
        }
        await session.SaveChangesAsync(ct);
    }
}
