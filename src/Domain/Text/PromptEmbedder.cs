using System.Text;
using System.Text.RegularExpressions;

namespace Sora.Domain.Text;

/// <summary>
/// Turns a prompt into a unit vector. The video model is conditioned on it and the feed compares videos with it.
/// A learned sentence-embedding model can replace the lexical one behind this interface (same dimension or not:
/// consumers read <see cref="Dimensions"/>).
/// </summary>
public interface IPromptEmbedder
{
    int Dimensions { get; }
    float[] Embed(string prompt);
}

/// <summary>
/// A documented lexical embedder (no sentence-embedding model can be obtained here): lower-cased word unigrams and
/// bigrams, with @handles and stop words dropped and a crude suffix stemmer, feature-hashed (FNV-1a, signed) into
/// 64 dimensions, weighted 1/sqrt(term count) and L2-normalised. Prompts sharing words land close together;
/// unrelated prompts are near-orthogonal. Deterministic across processes and machines.
/// </summary>
public sealed partial class LexicalPromptEmbedder : IPromptEmbedder
{
    public const int Size = 64;
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "of", "in", "on", "at", "to", "and", "or", "with", "is", "are", "was", "be", "for", "by", "from",
        "as", "it", "its", "this", "that", "into", "over", "under", "my", "your", "their", "his", "her", "i", "we", "you",
    ];

    public int Dimensions => Size;

    public float[] Embed(string prompt)
    {
        var words = Words(prompt);
        var vector = new float[Size];
        var terms = new List<string>(words);
        for (var i = 1; i < words.Count; i++) terms.Add(words[i - 1] + " " + words[i]);
        foreach (var term in terms)
        {
            var hash = Fnv1a(term);
            var sign = (hash & 0x80000000u) != 0 ? -1f : 1f;
            vector[hash % Size] += sign * (term.Contains(' ') ? 0.5f : 1f);
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0)
        {
            vector[0] = 1; // an empty prompt still conditions the model deterministically
            return vector;
        }
        for (var i = 0; i < Size; i++) vector[i] /= norm;
        return vector;
    }

    public static List<string> Words(string prompt) =>
        WordPattern().Matches(HandlePattern().Replace(prompt.ToLowerInvariant(), " "))
            .Select(m => Stem(m.Value)).Where(w => w.Length > 1 && !StopWords.Contains(w)).ToList();

    private static string Stem(string word)
    {
        foreach (var suffix in new[] { "ing", "ed", "es", "s" })
            if (word.Length > suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal)) return word[..^suffix.Length];
        return word;
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 16777619u;
        return hash;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    // Handles name people, not scene content; they must not steer the picture.
    [GeneratedRegex(@"@[a-z0-9_]+")]
    private static partial Regex HandlePattern();
}
