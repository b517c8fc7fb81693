using Sora.Render.Generations;
using Sora.Render.Models;
using Sora.Render.Models.World;
using Xunit;

namespace Sora.Render.Tests.World;

/// <summary>The simulated scene's sound: impacts where the collisions are, as loud as they were hard, with the materials' timbre; the setting's ambience.</summary>
public sealed class SceneSoundTests
{
    private const int Rate = SoundDesigner.SampleRate;

    private static Soundtrack Design(Ambience ambience, params SoundCue[] cues) =>
        SoundDesigner.Design(6, 24, new double[144], new float[64], 5, "", null, scene: new SceneSound(cues, ambience));

    private static float[] Window(float[] samples, double from, double seconds) =>
        samples.Skip((int)(from * Rate)).Take((int)(seconds * Rate)).ToArray();

    private static double Peak(float[] samples) => samples.Max(Math.Abs);

    /// <summary>Sign changes per second: a rough brightness (a ring at 880 Hz crosses far more often than a thud).</summary>
    private static double Crossings(float[] samples) =>
        Enumerable.Range(1, samples.Length - 1).Count(i => Math.Sign(samples[i]) != Math.Sign(samples[i - 1])) * (double)Rate / samples.Length;

    [Fact]
    public void Impacts_fall_where_the_collisions_are_louder_when_harder_with_the_materials_timbre()
    {
        var quiet = Design(Ambience.Room);
        var sound = Design(Ambience.Room,
            new SoundCue(1.0, 0.3, Material.Rubber, Material.Sand),
            new SoundCue(3.0, 0.9, Material.Metal, Material.Concrete),
            new SoundCue(3.01, 0.2, Material.Metal, Material.Concrete)); // a rattle 10 ms later is the same sound

        Assert.Equal([1.0, 3.0], sound.ImpactSeconds);
        // Nothing before the first collision but the bed, then each is heard at once.
        Assert.InRange(Peak(Window(sound.Samples, 0.5, 0.45)), 0, Peak(Window(quiet.Samples, 0.5, 0.45)) * 1.01 + 1e-6);
        var soft = Window(sound.Samples, 1.0, 0.08);
        var hard = Window(sound.Samples, 3.0, 0.08);
        Assert.True(Peak(hard) > Peak(soft) * 1.5, $"hard {Peak(hard):0.000}, soft {Peak(soft):0.000}");
        // Metal on concrete rings bright; a ball on sand is a dull burst that dies fast.
        var bed = Crossings(Window(quiet.Samples, 3.0, 0.08));
        Assert.True(Crossings(hard) > bed * 1.5, $"metal {Crossings(hard):0} crossings/s against the bed's {bed:0}");
        Assert.True(Peak(Window(sound.Samples, 1.4, 0.2)) < Peak(soft) * 0.3, "the sand thud is over within half a second");
    }

    [Fact]
    public void The_ambience_is_the_settings()
    {
        static double[] Levels(float[] s) => Enumerable.Range(0, 12).Select(i => Math.Sqrt(Window(s, i * 0.5, 0.5).Average(v => v * v))).ToArray();
        static double Variation(double[] levels) => Math.Sqrt(levels.Average(l => Math.Pow(l - levels.Average(), 2))) / levels.Average();

        var surf = Levels(Design(Ambience.Surf).Samples);
        var room = Levels(Design(Ambience.Room).Samples);
        // Waves wash in and out; a room's tone holds steady.
        Assert.True(Variation(surf) > Variation(room) * 2, $"surf varies {Variation(surf):0.00}, room {Variation(room):0.00}");
        Assert.NotEqual(Design(Ambience.City).Samples, Design(Ambience.Forest).Samples);
        // The same scene gives the same samples.
        Assert.Equal(Design(Ambience.Wind).Samples, Design(Ambience.Wind).Samples);
    }
}
