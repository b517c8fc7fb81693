using Microsoft.ML.OnnxRuntime;

namespace Sora.Render.Models;

/// <summary>Where models live and which execution provider to try first.</summary>
public sealed class ModelOptions
{
    /// <summary>Directory of the model files (./sora fetches them into .sora/models; SORA_MODELS overrides).</summary>
    public string Directory { get; set; } = Environment.GetEnvironmentVariable("SORA_MODELS") ?? Path.Combine(".sora", "models");

    /// <summary>Try the CUDA execution provider first; the CPU is always the fallback.</summary>
    public bool PreferCuda { get; set; } = true;

    public int CudaDevice { get; set; }

    public string PathOf(string file) => Path.Combine(Directory, file);
}

/// <summary>An ONNX session and the execution provider it really runs on.</summary>
public sealed record OnnxModel(InferenceSession Session, string Provider) : IDisposable
{
    public void Dispose() => Session.Dispose();
}

public static class OnnxSessions
{
    // Once CUDA failed to load in this process it will not load later: stop asking (and logging) for it.
    private static volatile bool _cudaUnavailable = !CudaProviderShipped();

    /// <summary>The provider library ships only with the host (Directory.Build.targets); elsewhere skip the probe.</summary>
    private static bool CudaProviderShipped() =>
        new[] { AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native") }
            .Any(dir => File.Exists(Path.Combine(dir, "libonnxruntime_providers_cuda.so")));

    /// <summary>
    /// Opens a model on CUDA when a usable GPU and the CUDA provider library are present, otherwise on the CPU.
    /// GetAvailableProviders() lists CUDA even where it cannot load, so the probe is to append it and catch the
    /// failure: OnnxRuntimeException ("Failed to load shared library") or EntryPointNotFoundException.
    /// </summary>
    public static OnnxModel Open(string path, ModelOptions options)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file missing: {path}. Run ./sora up (or ./sora test) to fetch the pinned models.", path);
        return Open(options, s => new InferenceSession(path, s));
    }

    /// <summary>Opens a model held in memory (the scene model is built in-process).</summary>
    public static OnnxModel Open(byte[] model, ModelOptions options) => Open(options, s => new InferenceSession(model, s));

    private static OnnxModel Open(ModelOptions options, Func<SessionOptions, InferenceSession> create)
    {
        var session = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        // ONNX Runtime's intra-op threads spin between ops by default, burning the cores they wait on. Here they share
        // those cores with ffmpeg, the compositor, the API and PostgreSQL, so a waiting thread yields instead.
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        var provider = "CPU";
        if (options.PreferCuda && !_cudaUnavailable)
        {
            try
            {
                session.AppendExecutionProvider_CUDA(options.CudaDevice);
                provider = "CUDA";
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                // No GPU (or no CUDA runtime) here: the same options run on the CPU.
                _cudaUnavailable = true;
            }
        }
        return new OnnxModel(create(session), provider);
    }
}
