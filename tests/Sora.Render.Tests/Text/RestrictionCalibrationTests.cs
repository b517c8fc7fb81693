using System.Text.RegularExpressions;
using Sora.Domain.Cameos;
using Xunit;
using Xunit.Abstractions;

namespace Sora.Render.Tests.Text;

/// <summary>
/// Calibrates restriction matching on a labelled set (restriction-calibration.tsv, next to this file): precision and
/// recall of the lexical matcher alone and of semantic (the sentence model) + lexical at
/// <see cref="RestrictionMatcher.SemanticThreshold"/>. The figures are printed and quoted in docs/consent.md.
/// </summary>
[Collection("sentence-model")]
public sealed partial class RestrictionCalibrationTests(SentenceModelFixture model, ITestOutputHelper output)
{
    private sealed record Pair(string Label, string Rule, string Prompt)
    {
        public bool Positive => Label is "paraphrase" or "literal";
    }

    private static List<Pair> Load() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Text", "restriction-calibration.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => new Pair(f[0], f[1], f[2]))
            .ToList();

    private readonly record struct Scores(double Precision, double Recall, double ParaphraseRecall, int FalsePositives)
    {
        public override string ToString() =>
            $"precision {Precision:F3}, recall {Recall:F3} (paraphrases {ParaphraseRecall:F3}), false positives {FalsePositives}";
    }

    private static Scores Score(IReadOnlyList<Pair> pairs, IReadOnlyList<bool> flagged)
    {
        int tp = 0, fp = 0, fn = 0, paraphrases = 0, paraphrasesCaught = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Positive && flagged[i]) tp++;
            if (!pairs[i].Positive && flagged[i]) fp++;
            if (pairs[i].Positive && !flagged[i]) fn++;
            if (pairs[i].Label != "paraphrase") continue;
            paraphrases++;
            if (flagged[i]) paraphrasesCaught++;
        }
        return new Scores(tp + fp == 0 ? 1 : (double)tp / (tp + fp), (double)tp / (tp + fn), (double)paraphrasesCaught / paraphrases, fp);
    }

    [Fact]
    public void The_sentence_model_catches_paraphrases_the_word_lists_miss_while_precision_stays_high()
    {
        var pairs = Load();
        Assert.True(pairs.Count >= 150, $"{pairs.Count} pairs");
        var positives = pairs.Count(p => p.Positive);
        Assert.True(pairs.Count(p => p.Label == "paraphrase") * 2 >= pairs.Count, "half of the pairs are paraphrases");
        Assert.True(pairs.Count - positives >= 90, "near misses and unrelated prompts, which must be allowed, are in the set too");
        // A paraphrase shares no word with its rule, so word overlap alone cannot find it.
        foreach (var p in pairs.Where(p => p.Label == "paraphrase"))
            Assert.False(Words(p.Rule).Overlaps(Words(p.Prompt)), $"\"{p.Prompt}\" shares a word with \"{p.Rule}\"");

        var embedder = model.Embedder;
        var semantics = pairs.Select(p => RestrictionSemantics.Of(embedder, [p.Rule], p.Prompt)!).ToList();
        var lexical = Score(pairs, pairs.Select(p => RestrictionMatcher.LexicalViolation([p.Rule], p.Prompt) is not null).ToList());
        var combined = Score(pairs, pairs.Select((p, i) => RestrictionMatcher.Violated([p.Rule], p.Prompt, semantics[i]) is not null).ToList());

        output.WriteLine($"{pairs.Count} pairs: {pairs.Count(p => p.Label == "paraphrase")} paraphrases, {pairs.Count(p => p.Label == "literal")} literal, " +
                         $"{pairs.Count(p => p.Label == "near")} near misses, {pairs.Count(p => p.Label == "unrelated")} unrelated");
        output.WriteLine($"lexical alone:                    {lexical}");
        output.WriteLine($"semantic + lexical at {RestrictionMatcher.SemanticThreshold:F3}:    {combined}");
        // The sweep the threshold was chosen from (semantic + lexical at each cut).
        var cosines = pairs.Select((p, i) => Cosine(semantics[i].Prompt, semantics[i].Rules[0])).ToList();
        for (var t = 0.20; t <= 0.501; t += 0.025)
        {
            var cut = t;
            var flagged = pairs.Select((p, i) => RestrictionMatcher.LexicalViolation([p.Rule], p.Prompt) is not null || cosines[i] >= cut).ToList();
            output.WriteLine($"  threshold {cut:F3}: {Score(pairs, flagged)}");
        }
        foreach (var (p, i) in pairs.Select((p, i) => (p, i)).Where(x => x.p.Positive != (RestrictionMatcher.Violated([x.p.Rule], x.p.Prompt, semantics[x.i]) is not null)))
            output.WriteLine($"  wrong: {p.Label} cos {cosines[i]:F3} \"{p.Rule}\" / \"{p.Prompt}\"");

        // Floors set a little below the measured figures (precision 0.947, recall 0.844, paraphrases 0.792 at 0.275).
        // The threshold was chosen on the first 204 pairs; the 84 paraphrases added after it are held out from that
        // choice (docs/consent.md).
        Assert.True(combined.Precision >= 0.93, $"combined precision {combined.Precision:F3}");
        Assert.True(combined.Recall >= 0.82, $"combined recall {combined.Recall:F3}");
        Assert.True(combined.ParaphraseRecall >= 0.77, $"combined recall on paraphrases {combined.ParaphraseRecall:F3}");
        Assert.True(combined.ParaphraseRecall >= lexical.ParaphraseRecall + 0.3,
            $"paraphrase recall {combined.ParaphraseRecall:F3} against lexical {lexical.ParaphraseRecall:F3}");
    }

    [Fact]
    public void A_rule_is_compared_by_its_topic_without_the_negation()
    {
        Assert.Equal("political content", RestrictionMatcher.Topic("no political content"));
        Assert.Equal("alcohol", RestrictionMatcher.Topic("Nothing with alcohol, please!"));
        Assert.Equal("", RestrictionMatcher.Topic("no"));
        var embedder = model.Embedder;
        // Without stripping, "no" pulls the rule towards every prompt that says no, and away from its topic.
        var senator = embedder.Embed("a senator giving a speech to voters");
        Assert.True(Cosine(senator, embedder.Embed(RestrictionMatcher.Topic("no political content")))
                    > Cosine(senator, embedder.Embed("no political content")));
        Assert.Null(RestrictionMatcher.Violated(["no"], "no way", RestrictionSemantics.Of(embedder, ["no"], "no way")));
        Assert.Equal("no gambling", RestrictionMatcher.Violated(["no political content", "no gambling"], "a roulette wheel spinning",
            RestrictionSemantics.Of(embedder, ["no political content", "no gambling"], "a roulette wheel spinning")));
    }

    private static HashSet<string> Words(string text) => WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet();

    private static double Cosine(float[] a, float[] b) => Sora.Domain.Feed.InterestModel.Cosine(a, b);

    [GeneratedRegex("[a-z0-9']+")]
    private static partial Regex WordPattern();
}
