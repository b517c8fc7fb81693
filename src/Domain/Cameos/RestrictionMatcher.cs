using System.Text.RegularExpressions;

namespace Sora.Domain.Cameos;

/// <summary>
/// Checks prompts against an owner's free-text rules ("no political content", "nothing with alcohol"). A rule is
/// broken when either matcher says so (over-blocking is the safe failure here):
/// <list type="bullet">
/// <item>Semantic: the sentence-model cosine between the prompt and the rule's topic (the rule with its negation
/// and filler stripped: "no political content" → "political content") is at least <see cref="SemanticThreshold"/>.
/// The vectors come in as <see cref="RestrictionSemantics"/>, computed by the caller with the prompt embedder, so
/// this stays pure. The threshold is calibrated on a labelled set of prompt/rule pairs (docs/consent.md,
/// Sora.Render.Tests/Text/RestrictionCalibrationTests).</item>
/// <item>Lexical: a rule's words, minus negations and filler, each expanded through a small topic lexicon (a rule
/// word that names a topic, or is one of its words, brings in all of them), looked for in the prompt's words after
/// light stemming ("dance" and "dancing" both become "danc"), as equal stems or a shared prefix of at least five
/// letters ("politic" catches "political" and "politician"). It catches the literal mention whatever the phrasing
/// around it.</item>
/// </list>
/// </summary>
public static partial class RestrictionMatcher
{
    /// <summary>
    /// Cosine (all-MiniLM-L6-v2) between the prompt and "a video of {topic}" from which the prompt is on the rule's
    /// topic. Chosen on the first 204 pairs of the calibration set (figures in docs/consent.md): the lowest cut that kept
    /// the combined matcher's precision above 0.9 there. On all 288 pairs, half of them paraphrases: precision 0.947,
    /// recall 0.844 (lexical alone: 0.987 and 0.401). Topic-to-instance
    /// cosines are modest with this model ("no violence" / "two men brawling in an alley": 0.28), hence the low value.
    /// </summary>
    public const double SemanticThreshold = 0.275;

    /// <summary>The rule topic as a scene description: prompts describe scenes, and the model compares like with like
    /// (on the calibration set this lifts paraphrase recall at equal precision over the bare topic).</summary>
    public static string TopicSentence(string topic) => $"a video of {topic}";

    // Words that say "not" about a topic rather than name it: stripped before the rule is embedded, or "no
    // political content" would sit close to every prompt that says "no" and far from the politics it excludes.
    private static readonly HashSet<string> Negations =
    [
        "no", "not", "never", "none", "nothing", "without", "dont", "don't", "do", "please", "any", "anything", "avoid", "ban",
        "banned", "forbid", "forbidden", "allowed", "ok", "okay", "stop", "ever", "me", "my", "i", "am", "use", "using", "making",
        "make", "put", "videos", "video", "clips", "of", "with", "in", "involving", "showing", "about", "related", "to", "that",
        "is", "are", "be", "for", "on", "where", "or", "and", "stuff", "things",
    ];

    /// <summary>The rule's topic, what the sentence model compares prompts with: "no political content" → "political content".</summary>
    public static string Topic(string rule)
    {
        var words = Word().Matches(rule.ToLowerInvariant()).Select(m => m.Value).ToList();
        var topic = words.Where(w => !Negations.Contains(w)).ToList();
        return topic.Count > 0 ? string.Join(' ', topic) : "";
    }

    private static readonly HashSet<string> Filler =
    [
        "no", "not", "never", "none", "nothing", "without", "dont", "don't", "do", "please", "any", "anything", "content", "videos",
        "video", "clips", "stuff", "things", "me", "my", "in", "with", "of", "about", "the", "a", "an", "or", "and", "related", "use",
        "using", "making", "make", "for", "to", "be", "is", "are", "that", "this", "involving", "showing", "where", "i", "am", "on",
    ];

    // Topic lexicon: a rule naming the topic also blocks these words.
    private static readonly Dictionary<string, string[]> Topics = new()
    {
        ["politic"] = ["politics", "political", "politician", "election", "elections", "vote", "voting", "campaign", "president", "senator",
                       "congress", "parliament", "government", "democrat", "republican", "party", "protest", "propaganda"],
        ["violen"] = ["violence", "violent", "fight", "fighting", "blood", "gun", "guns", "weapon", "weapons", "kill", "killing", "murder", "war", "shoot"],
        ["alcohol"] = ["alcohol", "beer", "wine", "vodka", "whiskey", "drunk", "drinking", "cocktail", "bar"],
        ["drug"] = ["drug", "drugs", "cocaine", "weed", "marijuana", "heroin", "smoking", "smoke", "cigarette", "vape"],
        ["nud"] = ["nude", "nudity", "naked", "sexy", "sexual", "lingerie", "explicit", "nsfw"],
        ["religio"] = ["religion", "religious", "church", "mosque", "temple", "prayer", "god"],
        ["advert"] = ["ad", "ads", "advert", "advertising", "brand", "sponsored", "commercial", "product"],
    };

    [GeneratedRegex("[a-z0-9']+")]
    private static partial Regex Word();

    /// <summary>Strips a few English endings so inflections meet: dances, danced, dancing → danc.</summary>
    private static string Stem(string word)
    {
        foreach (var suffix in new[] { "ing", "ed", "es", "s", "e" })
            if (word.Length > suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal)) return word[..^suffix.Length];
        return word;
    }

    private static IEnumerable<string> Words(string text) => Word().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    /// <summary>The first rule the prompt breaks, by either matcher, or null.</summary>
    /// <param name="semantics">The sentence vectors of the prompt and of each rule's topic, in rule order; null
    /// checks the lexical matcher alone.</param>
    public static string? Violated(IReadOnlyList<string> rules, string prompt, RestrictionSemantics? semantics)
    {
        if (LexicalViolation(rules, prompt) is { } lexical) return lexical;
        if (semantics is null) return null;
        if (semantics.Rules.Count != rules.Count) throw new ArgumentException("One rule vector per rule, in rule order.", nameof(semantics));
        for (var i = 0; i < rules.Count; i++)
            if (semantics.Rules[i] is { Length: > 0 } rule && Feed.InterestModel.Cosine(semantics.Prompt, rule) >= SemanticThreshold) return rules[i];
        return null;
    }

    /// <summary>The first rule the prompt breaks by the lexical matcher alone, or null.</summary>
    public static string? LexicalViolation(IEnumerable<string> rules, string prompt)
    {
        var promptWords = Words(prompt).ToList();
        foreach (var rule in rules)
        {
            var terms = Words(rule).Where(w => !Filler.Contains(w) && w.Length > 1).ToList();
            var expanded = terms.Concat(terms.SelectMany(t =>
                Topics.Where(kv => t.StartsWith(kv.Key, StringComparison.Ordinal) || kv.Value.Contains(t)).SelectMany(kv => kv.Value)));
            var stems = expanded.Select(Stem).Distinct().ToList();
            if (stems.Any(term => promptWords.Select(Stem).Any(p => p == term || (term.Length >= 5 && p.StartsWith(term[..5], StringComparison.Ordinal)))))
                return rule;
        }
        return null;
    }
}

/// <summary>
/// The sentence vectors restriction matching compares: the prompt's and each rule topic's (empty for a rule that is
/// all filler), in rule order. Computed where the embedder is (the consent loader), passed into the pure decision.
/// </summary>
public sealed record RestrictionSemantics(float[] Prompt, IReadOnlyList<float[]> Rules)
{
    public static RestrictionSemantics? Of(Text.IPromptEmbedder embedder, IReadOnlyList<string> rules, string prompt)
    {
        if (rules.Count == 0) return null;
        return new RestrictionSemantics(embedder.Embed(prompt),
            rules.Select(r => RestrictionMatcher.Topic(r) is { Length: > 0 } topic ? embedder.Embed(RestrictionMatcher.TopicSentence(topic)) : []).ToArray());
    }
}
