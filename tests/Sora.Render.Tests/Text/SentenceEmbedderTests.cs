using Sora.Domain.Feed;
using Sora.Domain.Text;
using Sora.Render.Models;
using Xunit;
using Xunit.Abstractions;

namespace Sora.Render.Tests.Text;

/// <summary>The sentence model, loaded once for the text tests (the session is thread-safe to run).</summary>
public sealed class SentenceModelFixture : IDisposable
{
    public SentenceEmbedder Embedder { get; } = new(new ModelOptions { PreferCuda = false });
    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition("sentence-model")]
public sealed class SentenceModelCollection : ICollectionFixture<SentenceModelFixture>;

[Collection("sentence-model")]
public sealed class SentenceEmbedderTests(SentenceModelFixture model, ITestOutputHelper output)
{
    private readonly SentenceEmbedder _embedder = model.Embedder;

    [Fact]
    public void A_paraphrase_without_a_shared_word_is_far_closer_than_unrelated_prompts()
    {
        var kittens = _embedder.Embed("kittens playing in the snow");
        var paraphrase = InterestModel.Cosine(kittens, _embedder.Embed("cats frolicking in winter"));
        var unrelated = new[] { "a stock market chart on a laptop", "a rocket launch at dawn", "a chef slicing onions in a busy kitchen" }
            .Select(p => InterestModel.Cosine(kittens, _embedder.Embed(p))).ToArray();
        var lexical = new LexicalPromptEmbedder();
        var lexicalParaphrase = InterestModel.Cosine(lexical.Embed("kittens playing in the snow"), lexical.Embed("cats frolicking in winter"));
        output.WriteLine($"sentence model: paraphrase {paraphrase:F3}, unrelated {string.Join(", ", unrelated.Select(u => u.ToString("F3")))}; lexical paraphrase {lexicalParaphrase:F3}");

        Assert.True(paraphrase > 0.6, $"paraphrase cosine {paraphrase:F3}");
        Assert.All(unrelated, u => Assert.True(u < 0.2, $"unrelated cosine {u:F3}"));
        Assert.True(paraphrase > unrelated.Max() + 0.4);
        // What the lexical embedder cannot do: the two prompts share no word.
        Assert.True(lexicalParaphrase < 0.2);
    }

    [Fact]
    public void Vectors_are_unit_length_of_the_declared_dimension_and_repeatable()
    {
        var a = _embedder.Embed("a lighthouse in a storm, cinematic");
        Assert.Equal(_embedder.Dimensions, a.Length);
        Assert.Equal(384, a.Length);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(x => (double)x * x)), 4);
        Assert.Equal(a, _embedder.Embed("a lighthouse in a storm, cinematic"));
        // Case and accents do not matter to an uncased model; an empty prompt still gives a unit vector.
        var upper = InterestModel.Cosine(a, _embedder.Embed("A LIGHTHOUSE IN A STORM, CINEMATIC"));
        var accented = InterestModel.Cosine(a, _embedder.Embed("a lighthouse in a störm, cinematic"));
        output.WriteLine($"upper {upper:F4} accented {accented:F4}");
        Assert.True(upper > 0.999, $"upper case {upper:F4}");
        Assert.True(accented > 0.999, $"accented {accented:F4}");
        var empty = _embedder.Embed("");
        Assert.Equal(1.0, Math.Sqrt(empty.Sum(x => (double)x * x)), 4);
        // Text past the model's window is truncated, not refused.
        Assert.Equal(384, _embedder.Embed(string.Join(' ', Enumerable.Repeat("snow", 2000))).Length);
    }
}
