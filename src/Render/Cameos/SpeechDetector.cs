using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sora.Render.Models;

namespace Sora.Render.Cameos;

public interface ISpeechDetector
{
    /// <summary>Seconds of speech in 16 kHz mono audio.</summary>
    double SpeechSeconds(ReadOnlySpan<float> audio16k);
}

/// <summary>
/// Silero VAD v5: windows of 512 new samples with 64 samples of context (576 in all), a recurrent state
/// [2,1,128] carried between windows, and the sample rate. A window counts as speech above the threshold.
/// </summary>
public sealed class SileroSpeechDetector(ModelOptions options, float threshold = 0.5f) : ISpeechDetector, IDisposable
{
    public const string File = "silero_vad_v5.onnx";
    private const int Window = 512;
    private const int Context = 64;
    private const int SampleRate = 16_000;
    // Opened on first use: API-only nodes register the models but never load them.
    private readonly Lazy<OnnxModel> _model = new(() => OnnxSessions.Open(options.PathOf(File), options));

    public double SpeechSeconds(ReadOnlySpan<float> audio16k)
    {
        var state = new DenseTensor<float>([2, 1, 128]);
        var sampleRate = new DenseTensor<long>(new[] { (long)SampleRate }, []);
        var context = new float[Context];
        var speechWindows = 0;
        for (var start = 0; start + Window <= audio16k.Length; start += Window)
        {
            var chunk = new float[Context + Window];
            context.CopyTo(chunk, 0);
            audio16k.Slice(start, Window).CopyTo(chunk.AsSpan(Context));
            using var results = _model.Value.Session.Run([
                NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(chunk, [1, Context + Window])),
                NamedOnnxValue.CreateFromTensor("state", state),
                NamedOnnxValue.CreateFromTensor("sr", sampleRate),
            ]);
            if (results.First(r => r.Name == "output").AsEnumerable<float>().First() > threshold) speechWindows++;
            state = (DenseTensor<float>)results.First(r => r.Name == "stateN").AsTensor<float>().Clone();
            Array.Copy(chunk, chunk.Length - Context, context, 0, Context);
        }
        return speechWindows * (double)Window / SampleRate;
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
    }
}
