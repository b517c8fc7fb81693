using System.Security.Cryptography;
using System.Text;

namespace Sora.Domain.Moderation;

/// <summary>A category of prompts the instance refuses, with the terms that identify it.</summary>
public sealed record PromptCategory(string Name, IReadOnlyList<string> Terms);

/// <summary>
/// The configurable prompt policy: categories of blocked terms (<c>Sora:Moderation:PromptPolicy</c>), checked on every
/// generation request before anything else is decided. Matching is on normalized words, so the obvious disguises
/// (case, accents, digits for letters, spaced-out letters, punctuation between words) do not slip past, and a term
/// never matches inside another word ("grape" is not "rape"). It stays lexical on purpose, although the sentence
/// model now matches cameo restrictions: the policy refuses everyone on the whole instance, and its categories are
/// the harms whose innocent neighbours are most common ("children playing at the beach", "a family bath time"); at
/// the cosine that catches paraphrases of a restriction (0.275), nearness to "naked children" would refuse those too.
/// Its terms are exact phrases an operator lists (disguises folded here); a semantic policy would need its own
/// calibration on such near misses first. A refusal is PROMPT_NOT_ALLOWED, naming the category, and a person who
/// thinks it is wrong asks a moderator (requestPromptReview).
/// </summary>
public sealed class PromptPolicy
{
    public const string PromptNotAllowed = "PROMPT_NOT_ALLOWED";

    /// <summary>
    /// What every instance refuses unless its operator turns the defaults off: sexual content involving minors, and
    /// intimate imagery made of someone without their consent (the harms the TAKE IT DOWN Act names).
    /// </summary>
    public static readonly IReadOnlyList<PromptCategory> Defaults =
    [
        new("SEXUAL_MINORS", ["child porn", "child pornography", "underage sex", "underage nude", "underage naked", "preteen nude", "minor nude",
            "naked child", "naked children", "nude child", "nude children", "loli", "lolicon", "shotacon"]),
        new("NONCONSENSUAL_INTIMATE", ["nudify", "undress her", "undress him", "undress them", "remove her clothes", "remove his clothes",
            "deepfake nude", "deepfake porn", "revenge porn", "hidden camera nude"]),
    ];

    private readonly (string Category, string[] Words)[] _terms;

    private readonly byte[] _fingerprintKey;

    /// <param name="fingerprintKey">Keys the prompt fingerprints that events carry: a bare hash of a sealed prompt would
    /// let anyone confirm a guessed prompt from the event store. The host derives it from the privacy master key.</param>
    public PromptPolicy(IEnumerable<PromptCategory> categories, byte[] fingerprintKey)
    {
        _fingerprintKey = fingerprintKey;
        _terms = categories.SelectMany(c => c.Terms.Select(t => (c.Name, Words(t)))).Where(t => t.Item2.Length > 0).ToArray();
        Categories = categories.Select(c => c.Name).Distinct().ToArray();
    }

    public IReadOnlyList<string> Categories { get; }

    /// <summary>The first category the prompt falls in, or null.</summary>
    public string? CategoryOf(string prompt)
    {
        var words = Words(prompt);
        foreach (var (category, term) in _terms)
            for (var i = 0; i + term.Length <= words.Length; i++)
                if (words.AsSpan(i, term.Length).SequenceEqual(term)) return category;
        return null;
    }

    /// <summary>The prompt as the policy reads it: an allowance is for this, so trivial edits of an allowed prompt stay allowed.</summary>
    public static string Normalize(string text) => string.Join(' ', Words(text));

    /// <summary>A keyed hash (HMAC-SHA-256) of the normalized prompt: what a moderator's allowance is keyed by.</summary>
    public string Fingerprint(string prompt) => Convert.ToHexStringLower(HMACSHA256.HashData(_fingerprintKey, Encoding.UTF8.GetBytes(Normalize(prompt))));

    /// <summary>
    /// The base letter of each of U+00C0..U+017F (Latin-1 and Latin Extended-A; a space for the few that are not
    /// letters). A table, because the host runs with invariant globalization, where string normalization leaves
    /// non-ASCII text as it is.
    /// </summary>
    private const string LatinBase =
        "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuytyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnn nnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

    private static string[] Words(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            folded.Append(char.ToLowerInvariant(c) switch
            {
                '0' => 'o', '1' => 'i', '3' => 'e', '4' or '@' => 'a', '5' or '$' => 's', '7' => 't',
                var l and >= 'a' and <= 'z' => l,
                var l and >= '\u00C0' and <= '\u017F' => LatinBase[l - '\u00C0'],
                _ => ' ',
            });
        }
        // "n u d i f y" is one word: runs of single letters are joined.
        var words = new List<string>();
        var run = new StringBuilder();
        foreach (var word in folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length == 1) { run.Append(word); continue; }
            if (run.Length > 0) { words.Add(run.ToString()); run.Clear(); }
            words.Add(word);
        }
        if (run.Length > 0) words.Add(run.ToString());
        return words.ToArray();
    }
}
