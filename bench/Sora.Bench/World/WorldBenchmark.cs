using System.Diagnostics;
using System.Security.Cryptography;
using Sora.Render.Generations;
using Sora.Render.Models;
using Sora.Render.Models.World;
using Sora.Render.Provenance;

namespace Sora.Bench.World;

/// <summary>
/// ./sora bench world: sora-world-1's frame rate, for two prompts (a bounce in a gym, a car on a road at sunset), at
/// 480p (854x480) and 720p (1280x720), 24 fps, 5 s:
///  1. planning and simulating the scene (the sentence model matching the prompt, then the physics);
///  2. the model alone: frames per second at its working size (a quarter of the output per side), on the provider it
///     got (CUDA when a GPU is usable; SORA_BENCH_CPU=1 forces the CPU), and sora-cppn-1 on the same frame grid, with
///     the ratio of the two;
///  3. the whole pipeline (model, compositing, sound, encoding, signing) in frames per second of finished video.
/// The issue's goal is real time, 24 frames per second, at 480p on two CPU cores. Best of three runs each.
/// </summary>
public static class WorldBenchmark
{
    private static readonly string[] Prompts = ["an orange basketball bouncing in a gym", "a red sports car racing along a coastal road at sunset"];

    public static async Task RunAsync()
    {
        var options = new ModelOptions { PreferCuda = Environment.GetEnvironmentVariable("SORA_BENCH_CPU") != "1" };
        using var embedder = new SentenceEmbedder(options);
        var planner = new ScenePlanner(embedder);
        using var world = new WorldModel(options, planner);
        using var cppn = new SceneModel(options);
        using var key = new ProvenanceKey(RandomNumberGenerator.GetBytes(32));
        var keys = Directory.CreateTempSubdirectory("sora-bench-provenance-").FullName;
        using var signer = ProvenanceSigner.LoadOrCreate(keys, key);
        var renderer = new VideoRenderer(world, SceneModel.Conditioning, signer, ProvenanceVerifier.Trusting(signer));
        planner.Plan("warm up"); // the vocabulary's phrases are embedded once, on first use
        Console.WriteLine($"sora-world-1 benchmark: {Environment.ProcessorCount} cores, world model on {world.Provider}, CPPN on {cppn.Provider}");
        Console.WriteLine($"{"prompt",-56} {"output",-9} {"plan+sim",9} {"world fps",10} {"cppn fps",9} {"world/cppn",11} {"pipeline fps",13}");

        foreach (var (width, height) in new[] { (854, 480), (1280, 720) })
        foreach (var prompt in Prompts)
        {
            const int frames = 120;
            var (mw, mh) = (width / 4 / 2 * 2, height / 4 / 2 * 2);
            var simulate = Best(() =>
            {
                var fresh = new SceneRequest(SceneModel.Conditioning.Embed(prompt), 42, mw, mh, 24, frames, Prompt: prompt);
                world.Simulate(fresh);
            });
            var request = new SceneRequest(SceneModel.Conditioning.Embed(prompt), 42, mw, mh, 24, frames, Prompt: prompt);
            world.RenderBatch(request, 0, VideoRenderer.BatchFrames); // warm-up: the session, the simulation, first-run allocations
            cppn.RenderBatch(request, 0, VideoRenderer.BatchFrames);
            var worldSeconds = Best(() => RenderAll(world, request, frames));
            var cppnSeconds = Best(() => RenderAll(cppn, request, frames));

            var job = new RenderJob(Guid.NewGuid(), prompt, "bench", width, height, 5, 24, 42);
            var pipeline = double.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                var watch = Stopwatch.StartNew();
                await renderer.RenderAsync(job, _ => Task.CompletedTask, () => Task.CompletedTask, CancellationToken.None);
                pipeline = Math.Min(pipeline, watch.Elapsed.TotalSeconds);
            }
            Console.WriteLine($"{prompt,-56} {$"{width}x{height}",-9} {simulate * 1000,7:0} ms {frames / worldSeconds,10:0.0} {frames / cppnSeconds,9:0.0} " +
                              $"{cppnSeconds / worldSeconds,10:0.00}x {frames / pipeline,13:0.0}");
        }
        Console.WriteLine("(fps: frames per second; world/cppn > 1 means the world model is faster than the CPPN on the same frames.)");
        Directory.Delete(keys, true);
    }

    private static void RenderAll(IVideoModel model, SceneRequest request, int frames)
    {
        for (var start = 0; start < frames; start += VideoRenderer.BatchFrames) model.RenderBatch(request, start, Math.Min(VideoRenderer.BatchFrames, frames - start));
    }

    private static double Best(Action run)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }
}
