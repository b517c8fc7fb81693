namespace Sora.Domain.Moderation;

/// <summary>
/// Takes the perceptual fingerprint of an image or clip (ffmpeg and Chromaprint live in Render, behind this). Domain
/// decides what a match means.
/// </summary>
public interface IMediaFingerprinter
{
    /// <summary>The fingerprint of the media at <paramref name="path"/>; throws <see cref="InvalidDataException"/> for
    /// what is not readable media.</summary>
    Task<MediaFingerprint> FingerprintAsync(string path, CancellationToken ct);
}
