namespace Sora.Render.Cameos;

/// <summary>
/// Whether the voice in a recording belongs to the person whose likeness is being verified (or to a cameo's
/// verified voice). No speaker-embedding model is obtainable from our registries, so verification checks the
/// presence and amount of speech only (<see cref="ISpeechDetector"/>). This is the contract a speaker model will
/// implement (kept, as the consent issue asks, so the model can be added without reshaping verification); no
/// implementation ships and nothing calls it yet. The first use will be comparing a re-recording's voice with the
/// cameo's verified one.
/// </summary>
public interface ISpeakerMatcher
{
    /// <summary>A voice print of the speech in 16 kHz mono audio, or null if there is too little speech.</summary>
    float[]? VoicePrint(ReadOnlySpan<float> audio16k);

    /// <summary>Same-speaker score of two voice prints, in [-1, 1].</summary>
    float Similarity(float[] a, float[] b);
}
