namespace Sora.Domain.Generations;

/// <summary>
/// Where a render's time went, in milliseconds, measured by the worker. The model, compositing and encoding run at
/// once (frames stream from one to the next), so the parts add up to more than <see cref="TotalMs"/>, and
/// <see cref="EncoderWaitMs"/> says how long the encoder sat waiting on the frames before it (zero when the model and
/// compositor keep up). <see cref="StoringMs"/> is the media store's write of the file and its poster.
/// </summary>
public sealed record RenderTimings(int ModelMs, int CompositingMs, int SoundMs, int EncodingMs, int EncoderWaitMs, int SigningMs,
    int StoringMs, int TotalMs);
