using Sora.Domain.Cameos;
using Sora.Render.Media;

namespace Sora.Render.Cameos;

/// <summary>The likenesses in force that the faces of one input matched, best score per likeness.</summary>
public sealed record LikenessScan(int FacesFound, IReadOnlyList<LikenessMatchFound> Matches);

/// <summary>
/// Likeness protection for inputs (image-to-video images, remix sources): every face found is matched against the
/// template of every account's likeness in force (<see cref="CameoTemplateIndex"/>). It only finds people: the
/// generation request then records each match as a cameo use under the one consent decision, exactly like an
/// @mention (so it is counted, receipted and withdrawn with its right). Match threshold 0.6: see docs/cameos.md for
/// the measured same-person and different-person scores.
/// </summary>
public sealed class LikenessProtection(IFaceDetector detector, IFaceLandmarker landmarker, IFaceEmbedder embedder, CameoTemplateIndex index)
    : ILikenessScanner
{
    public const float MatchThreshold = 0.6f;
    private const double ClipFps = 2;

    public async Task<LikenessScan> ScanFacesAsync(string path, CancellationToken ct = default)
    {
        var faces = await FacesAsync(path, ct);
        return new LikenessScan(faces.Count, Match(await index.CurrentAsync(ct), faces));
    }

    public async Task<IReadOnlyList<LikenessMatchFound>> ScanAsync(string path, CancellationToken ct) => (await ScanFacesAsync(path, ct)).Matches;

    public async Task<IReadOnlyList<LikenessMatchFound>> MatchAsync(float[] template, CancellationToken ct) =>
        Match(await index.CurrentAsync(ct), [template]);

    /// <summary>Each likeness any of <paramref name="faces"/> matches, with its best score, best first.</summary>
    public static IReadOnlyList<LikenessMatchFound> Match(IReadOnlyList<IndexedTemplate> templates, IEnumerable<float[]> faces)
    {
        var best = new Dictionary<Guid, LikenessMatchFound>();
        foreach (var face in faces)
        foreach (var (template, similarity) in CameoTemplateIndex.Matches(templates, face, MatchThreshold))
            if (!best.TryGetValue(template.CameoId, out var known) || known.Similarity < similarity)
                best[template.CameoId] = new LikenessMatchFound(template.CameoId, template.OwnerId, similarity) { OptOut = template.OptOut };
        return best.Values.OrderByDescending(m => m.Similarity).ToList();
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
