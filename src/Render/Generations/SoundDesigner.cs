using Sora.Render.Models;

namespace Sora.Render.Generations;

/// <summary>The soundtrack and where its impacts fall (tests and the timeline both read the impacts).</summary>
public sealed record Soundtrack(float[] Samples, int SampleRate, IReadOnlyList<double> ImpactSeconds, double? SpeechStartSeconds);

/// <summary>
/// Sound designed from the scene: a room tone (brown noise) and a chord pad whose pitch comes from the prompt
/// embedding, both swelling with the picture's motion energy; an impact (a low thump and a noise burst) on every
/// motion peak, so hits in the picture are heard where they happen; and speech for dialogue, with the bed ducked
/// under it. Deterministic for a given seed.
/// When the model simulated its scene (<see cref="SceneSound"/>), the impacts are its collisions instead, each at the
/// instant it happened, as loud as it was hard, and with the timbre of what struck what (a ball on sand is a soft thud,
/// a skateboard on concrete a sharp clack, metal rings); the bed is the setting's ambience (surf, wind, city, a room,
/// a forest's birds, a crowd) under a quieter pad.
/// </summary>
public static class SoundDesigner
{
    public const int SampleRate = 48_000;
    /// <summary>Where dialogue starts, in seconds (the caption is placed from it before the sound is designed).</summary>
    public const double SpeechStart = 0.4;
    private static readonly string[] ImpactWords = ["hit", "crash", "bang", "slam", "punch", "kick", "drum", "explod", "smash", "collid", "bounc", "knock"];

    public static Soundtrack Design(double seconds, double fps, IReadOnlyList<double> motion, float[] embedding, long seed, string prompt,
        float[]? speech, double speechStart = SpeechStart, SceneSound? scene = null)
    {
        var n = (int)Math.Round(seconds * SampleRate);
        var output = new float[n];
        var random = new Random(unchecked((int)seed) ^ 0x5eed);
        var motionNorm = Normalise(motion);
        float MotionAt(double t) => motionNorm.Length == 0 ? 0.5f : motionNorm[Math.Clamp((int)(t * fps), 0, motionNorm.Length - 1)];

        // Room tone and pad.
        var root = 110.0 * Math.Pow(2, Math.Round((embedding.Length > 3 ? embedding[3] : 0) * 12) / 12.0);
        double brown = 0;
        for (var i = 0; i < n; i++)
        {
            var t = (double)i / SampleRate;
            brown = Math.Clamp(brown + (random.NextDouble() * 2 - 1) * 0.02, -1, 1) * 0.998;
            var swell = 0.35 + 0.65 * MotionAt(t);
            var pad = Math.Sin(2 * Math.PI * root * t) + 0.6 * Math.Sin(2 * Math.PI * root * 1.25 * t) + 0.45 * Math.Sin(2 * Math.PI * root * 1.5 * t);
            output[i] = scene is null
                ? (float)(brown * 0.25 * swell + pad * 0.035 * swell * (0.8 + 0.2 * Math.Sin(2 * Math.PI * 0.25 * t)))
                : (float)(pad * 0.012);
        }

        List<double> impacts;
        if (scene is not null)
        {
            SceneAmbience.Add(output, SampleRate, scene.Ambience, random);
            impacts = [];
            foreach (var cue in SceneAmbience.Merge(scene.Impacts))
            {
                SceneAmbience.AddImpact(output, SampleRate, cue, random);
                impacts.Add(cue.Seconds);
            }
        }
        else
        {
            // Impacts on motion peaks (at least 0.6 s apart); prompts about hits always get their strongest one.
            impacts = Peaks(motionNorm, fps, 0.6);
            if (impacts.Count == 0 && ImpactWords.Any(prompt.ToLowerInvariant().Contains) && motionNorm.Length > 0)
                impacts.Add(Array.IndexOf(motionNorm, motionNorm.Max()) / fps);
            foreach (var at in impacts) AddImpact(output, at, random);
        }

        double? speechAt = null;
        if (speech is { Length: > 0 })
        {
            speechAt = speechStart;
            var offset = (int)(speechStart * SampleRate);
            for (var i = 0; i < speech.Length && offset + i < n; i++)
            {
                output[offset + i] = output[offset + i] * 0.35f + speech[i] * 0.9f; // duck the bed under the voice
            }
        }

        var peak = output.Length == 0 ? 0 : output.Max(Math.Abs);
        if (peak > 0.95f)
            for (var i = 0; i < n; i++) output[i] *= 0.95f / peak;
        return new Soundtrack(output, SampleRate, impacts, speechAt);
    }

    /// <summary>Frame-to-frame change of the rendered picture (mean absolute difference per pixel, 0..255).</summary>
    public static double MotionEnergy(Media.RgbImage previous, Media.RgbImage current)
    {
        long sum = 0;
        var a = previous.Pixels;
        var b = current.Pixels;
        for (var i = 0; i < a.Length; i += 3) sum += Math.Abs(a[i] - b[i]) + Math.Abs(a[i + 1] - b[i + 1]) + Math.Abs(a[i + 2] - b[i + 2]);
        return sum / (double)a.Length;
    }

    private static float[] Normalise(IReadOnlyList<double> motion)
    {
        if (motion.Count == 0) return [];
        var max = motion.Max();
        return motion.Select(m => max > 0 ? (float)(m / max) : 0f).ToArray();
    }

    /// <summary>Local maxima clearly above the typical motion (mean + 1.5 sd), at least <paramref name="gap"/> s apart.</summary>
    private static List<double> Peaks(float[] motion, double fps, double gap)
    {
        var peaks = new List<double>();
        if (motion.Length < 3) return peaks;
        var mean = motion.Average();
        var sd = Math.Sqrt(motion.Average(m => (m - mean) * (m - mean)));
        var threshold = mean + 1.5 * sd;
        for (var i = 1; i < motion.Length - 1; i++)
        {
            if (motion[i] < threshold || motion[i] < motion[i - 1] || motion[i] < motion[i + 1]) continue;
            var at = i / fps;
            if (peaks.Count > 0 && at - peaks[^1] < gap) continue;
            peaks.Add(at);
        }
        return peaks;
    }

    private static void AddImpact(float[] output, double at, Random random)
    {
        var start = (int)(at * SampleRate);
        var length = SampleRate / 3;
        for (var i = 0; i < length && start + i < output.Length; i++)
        {
            var t = (double)i / SampleRate;
            var body = Math.Sin(2 * Math.PI * (70 - 30 * t) * t) * Math.Exp(-t * 14);
            var click = (random.NextDouble() * 2 - 1) * Math.Exp(-t * 60);
            output[start + i] += (float)(body * 0.55 + click * 0.3);
        }
    }
}
