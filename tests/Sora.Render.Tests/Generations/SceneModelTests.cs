using Sora.Domain.Text;
using Sora.Render.Models;
using Xunit;

namespace Sora.Render.Tests.Generations;

[Collection("render")]
public sealed class SceneModelTests(RenderFixture fixture)
{
    private SceneRequest Request(string prompt, long seed) => new(fixture.Embedder.Embed(prompt), seed, 96, 54, 24, 24);

    [Fact]
    public void The_same_prompt_and_seed_give_identical_frames()
    {
        var a = fixture.Model.RenderBatch(Request("a red fox running through snow", 42), 0, 8);
        var b = fixture.Model.RenderBatch(Request("a red fox running through snow", 42), 0, 8);
        Assert.Equal(8, a.Count);
        for (var i = 0; i < a.Count; i++) Assert.Equal(a[i].Pixels, b[i].Pixels);
        // Batching does not change the result: frame 5 alone equals frame 5 of the batch.
        Assert.Equal(a[5].Pixels, fixture.Model.RenderBatch(Request("a red fox running through snow", 42), 5, 1)[0].Pixels);
    }

    [Fact]
    public void Different_prompts_give_clearly_different_videos_and_frames_move()
    {
        var fox = fixture.Model.RenderBatch(Request("a red fox running through snow", 42), 0, 8);
        var city = fixture.Model.RenderBatch(Request("neon city skyline at night with rain", 42), 0, 8);
        var reseeded = fixture.Model.RenderBatch(Request("a red fox running through snow", 43), 0, 8);
        var between = Enumerable.Range(0, 8).Average(i => RenderSupport.Distance(RenderSupport.Thumb(fox[i]), RenderSupport.Thumb(city[i])));
        var seeds = Enumerable.Range(0, 8).Average(i => RenderSupport.Distance(RenderSupport.Thumb(fox[i]), RenderSupport.Thumb(reseeded[i])));
        var motion = RenderSupport.Distance(fox[0], fox[7]);
        Assert.True(between > 25, $"prompt distance {between:0.0}");
        Assert.True(seeds > 3, $"seed distance {seeds:0.0}");
        Assert.True(motion > 1, $"frame-to-frame motion {motion:0.00}");
    }

    [Fact]
    public void The_lexical_embedder_is_deterministic_and_relates_shared_words()
    {
        var embedder = new LexicalPromptEmbedder();
        var a = embedder.Embed("a red fox running through snow");
        Assert.Equal(a, embedder.Embed("A red fox, running through snow!"));
        static float Cos(float[] x, float[] y) => x.Zip(y, (p, q) => p * q).Sum();
        Assert.True(Cos(a, embedder.Embed("a red fox in the snow")) > Cos(a, embedder.Embed("neon city skyline at night")) + 0.3f);
        Assert.Equal(a, embedder.Embed("a red fox running through snow with @someone")); // handles do not steer the scene
    }
}
