using System.Text.RegularExpressions;

namespace Sora.Domain.Cameos;

/// <summary>
/// Checks prompts against an owner's free-text rules ("no political content", "nothing with alcohol"). Lexical
/// and documented rather than clever: a rule's words, minus negations and filler, each expanded through a small
/// topic lexicon (a rule word that names a topic, or is one of its words, brings in all of them), are looked for in
/// the prompt's words after light stemming ("dance" and "dancing" both become "danc"), as equal stems or a shared
/// prefix of at least five letters ("politic" catches "political" and "politician"). Any match refuses the use. Over-blocking is the safe
/// failure here; a semantic matcher can replace this behind the same method.
/// </summary>
public static partial class RestrictionMatcher
{
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

    /// <summary>The first rule the prompt breaks, or null.</summary>
    public static string? Violated(IEnumerable<string> rules, string prompt)
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
