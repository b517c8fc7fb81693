using Marten;
using Sora.Domain.Cameos;
using Sora.Domain.Social;
using Sora.Render.Media;

namespace Sora.Render.Cameos;

/// <summary>A verified person found in an upload, and whether the requester may show them.</summary>
public sealed record LikenessMatch(Guid CameoId, float Similarity, bool Consented, ConsentRefusalReason? Reason);

public sealed record LikenessCheck(int FacesFound, IReadOnlyList<LikenessMatch> Matches)
{
    /// <summary>Refused when any matched person has not given the requester a right.</summary>
    public bool Refused => Matches.Any(m => !m.Consented);
    public const string RefusalCode = "LIKENESS_NOT_CONSENTED";
}

/// <summary>
/// Likeness protection for inputs (image-to-video images, remix sources): every face found is matched against
/// every verified cameo template; a match counts as that person, whose consent the requester then needs
/// (the same <see cref="ConsentDecision"/> as for cameo mentions). Match threshold 0.6: see docs/cameos.md for the
/// measured same-person and different-person scores.
/// </summary>
public sealed class LikenessProtection(IFaceDetector detector, IFaceLandmarker landmarker, IFaceEmbedder embedder,
    CameoTemplateIndex index, IDocumentStore store, TimeProvider clock)
{
    public const float MatchThreshold = 0.6f;
    private const double ClipFps = 2;

    public async Task<LikenessCheck> CheckAsync(string path, Guid requester, string prompt, CancellationToken ct = default)
    {
        var faces = await FacesAsync(path, ct);
        var templates = await index.CurrentAsync(ct);
        var best = new Dictionary<Guid, float>();
        foreach (var face in faces)
        foreach (var (template, similarity) in CameoTemplateIndex.Matches(templates, face, MatchThreshold))
            best[template.CameoId] = Math.Max(similarity, best.GetValueOrDefault(template.CameoId));

        var matches = new List<LikenessMatch>();
        await using var session = store.QuerySession();
        foreach (var (cameoId, similarity) in best)
        {
            var cameo = await session.LoadAsync<Cameo>(cameoId, ct);
            if (cameo is null) continue;
            var relationship = await session.LoadAsync<Relationship>(Relationship.IdFor(cameo.OwnerId, requester), ct);
            var outcome = ConsentDecision.Decide(cameo, requester, prompt, SocialFacts.Between(relationship, cameo.OwnerId, requester), clock.GetUtcNow());
            matches.Add(new LikenessMatch(cameoId, similarity, outcome.Allowed, outcome.Refusal));
        }
        return new LikenessCheck(faces.Count, matches);
    }

    /// <summary>Identity vectors of every face in a still image, or in a clip sampled at 2 fps.</summary>
    private async Task<List<float[]>> FacesAsync(string path, CancellationToken ct)
    {
        var info = await MediaProbe.ProbeAsync(path, ct) ?? throw new InvalidDataException("The file is not readable media.");
        IEnumerable<RgbImage> frames = info.Duration.TotalSeconds > 0.5
            ? (await MediaDecoder.DecodeAsync(path, ClipFps, LikenessVerifier.MaxFrameSide, TimeSpan.FromSeconds(60), ct)).Frames.Select(f => f.Frame)
            : [await StillImage.DecodeAsync(path, ct: ct)];
        var faces = new List<float[]>();
        foreach (var frame in frames)
        foreach (var box in detector.Detect(frame))
            faces.Add(embedder.Embed(frame, landmarker.Locate(frame, box)));
        return faces;
    }
}
