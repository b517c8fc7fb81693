using Sora.Render.Models;
using Sora.Render.Models.World;

namespace Sora.Render.Generations;

/// <summary>
/// The simulated scene's sound: its collisions synthesised by material, and its setting's ambience. Every sound is
/// made from sines and seeded noise, so the same scene gives the same samples.
/// </summary>
public static class SceneAmbience
{
    /// <summary>How a material sounds when struck: its tone (Hz; 0 for none), how fast it dies (1/s), how much of it is noise, and its ring.</summary>
    public sealed record Timbre(double Tone, double Decay, double Noise, double Ring);

    public static Timbre Of(Material material) => material switch
    {
        Material.Rubber => new(140, 22, 0.15, 0),
        Material.Plastic => new(420, 30, 0.3, 0.1),
        Material.Wood => new(520, 38, 0.45, 0.15),
        Material.Metal => new(880, 7, 0.2, 0.8),
        Material.Glass => new(2400, 10, 0.15, 0.7),
        Material.Stone or Material.Concrete => new(180, 55, 0.75, 0.05),
        Material.Sand or Material.Snow or Material.Carpet or Material.Grass => new(0, 28, 1, 0),
        Material.Water => new(0, 7, 1, 0),
        Material.Ice => new(1200, 30, 0.4, 0.3),
        _ => new(85, 26, 0.3, 0), // flesh, fur, fabric: a dull thud
    };

    /// <summary>Cues closer than 40 ms are one sound (the loudest): a body settling makes a rattle of tiny contacts.</summary>
    public static List<SoundCue> Merge(IReadOnlyList<SoundCue> cues)
    {
        var merged = new List<SoundCue>();
        foreach (var cue in cues.OrderBy(c => c.Seconds))
        {
            if (merged.Count > 0 && cue.Seconds - merged[^1].Seconds < 0.04)
            {
                if (cue.Strength > merged[^1].Strength) merged[^1] = cue with { Seconds = merged[^1].Seconds };
                continue;
            }
            merged.Add(cue);
        }
        return merged;
    }

    /// <summary>
    /// One collision: the tones of both materials (the harder one rings), damped by the softer one, with the softer
    /// one's noise; scaled by the cue's strength.
    /// </summary>
    public static void AddImpact(float[] output, int rate, SoundCue cue, Random random)
    {
        var (a, b) = (Of(cue.A), Of(cue.B));
        // The softer surface (the faster decay, the more noise) damps the harder one's ring.
        var decay = Math.Max(a.Decay, b.Decay) * 0.6 + Math.Min(a.Decay, b.Decay) * 0.4;
        var noise = Math.Max(a.Noise, b.Noise);
        var gain = 0.08 + 0.5 * cue.Strength;
        var start = (int)(cue.Seconds * rate);
        var length = (int)(rate * Math.Min(1.2, 6 / decay));
        for (var i = 0; i < length && start + i < output.Length; i++)
        {
            var t = (double)i / rate;
            var envelope = Math.Exp(-t * decay);
            double tone = 0;
            foreach (var m in new[] { a, b })
            {
                if (m.Tone <= 0) continue;
                // A struck surface rings with an inharmonic partial; the ring keeps it going after the body's thump.
                var ring = Math.Exp(-t * decay * (1 - 0.8 * m.Ring));
                tone += (Math.Sin(2 * Math.PI * m.Tone * t) + 0.4 * m.Ring * Math.Sin(2 * Math.PI * m.Tone * 2.76 * t)) * ring * (1 - m.Noise);
            }
            var burst = (random.NextDouble() * 2 - 1) * noise * Math.Exp(-t * decay * 1.6);
            output[start + i] += (float)((tone * 0.5 * envelope + burst) * gain);
        }
    }

    /// <summary>The setting's bed: what one hears there with nothing happening.</summary>
    public static void Add(float[] output, int rate, Ambience ambience, Random random)
    {
        double brown = 0, low = 0, band = 0;
        var chirpAt = rate * (0.5 + random.NextDouble());
        for (var i = 0; i < output.Length; i++)
        {
            var t = (double)i / rate;
            var white = random.NextDouble() * 2 - 1;
            brown = Math.Clamp(brown + white * 0.02, -1, 1) * 0.998;
            low += (white - low) * 0.02; // a gentle low-pass
            band += (white - band) * 0.25;
            var v = ambience switch
            {
                // Waves: washes of low noise every few seconds.
                Ambience.Surf => low * 2.2 * (0.35 + 0.65 * Math.Pow(Math.Max(0, Math.Sin(2 * Math.PI * t / 5.5)), 2)),
                // Wind: band noise in slow gusts.
                Ambience.Wind => (band - low) * 0.5 * (0.4 + 0.6 * (0.5 + 0.5 * Math.Sin(2 * Math.PI * t / 3.7 + Math.Sin(t)))),
                // A city: traffic rumble and a mains hum.
                Ambience.City => brown * 0.35 + 0.02 * Math.Sin(2 * Math.PI * 50 * t) + low * 0.6,
                // A forest: leaves (soft noise) and a bird now and then.
                Ambience.Forest => low * 0.6,
                Ambience.Crowd => (band - low) * 0.35 * (0.7 + 0.3 * Math.Sin(2 * Math.PI * t / 2.3)),
                _ => brown * 0.18,
            };
            output[i] += (float)(v * 0.5);
            if (ambience == Ambience.Forest && i >= chirpAt)
            {
                Chirp(output, rate, i, random);
                chirpAt = i + rate * (0.8 + random.NextDouble() * 1.6);
            }
        }
    }

    private static void Chirp(float[] output, int rate, int start, Random random)
    {
        var pitch = 2600 + random.NextDouble() * 1800;
        var length = rate / 9;
        for (var i = 0; i < length && start + i < output.Length; i++)
        {
            var t = (double)i / rate;
            var f = pitch * (1 + 0.35 * Math.Sin(Math.PI * i / length));
            output[start + i] += (float)(Math.Sin(2 * Math.PI * f * t) * Math.Sin(Math.PI * i / length) * 0.05);
        }
    }
}
