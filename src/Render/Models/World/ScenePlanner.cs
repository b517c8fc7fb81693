using System.Text.RegularExpressions;
using Sora.Domain.Generations;
using Sora.Domain.Text;

namespace Sora.Render.Models.World;

/// <summary>
/// Turns a prompt into a <see cref="ScenePlan"/> in <see cref="WorldVocabulary"/>'s terms. The prompt's phrases of one
/// to three words are matched to the vocabulary's phrases: exactly (with plurals) first, then by the sentence model's
/// cosine similarity, so that paraphrases land on the same plan ("automobile", "kitties", "at dusk"). Each phrase of the
/// prompt takes at most one meaning (the best match wins, longer phrases first at a tie). The subjects then collect the
/// counts, colours and sizes written just before them and the action written after them; what the prompt leaves out
/// comes from the subject's own defaults (a car drives on a road, a diver dives into a pool). Words that found no place
/// are reported, not guessed at.
/// </summary>
public sealed partial class ScenePlanner
{
    /// <summary>Cosine similarity a paraphrase needs to count (all-MiniLM-L6-v2; unrelated words score 0.1 to 0.4).</summary>
    public const float Threshold = 0.62f;
    private const int MaxWords = 48;
    private const int MaxSubjects = 6;
    private const int MaxCount = 6;

    [GeneratedRegex(@"@[a-z0-9_]+|[a-z0-9]+(?:'[a-z]+)?")]
    private static partial Regex WordPattern();

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "of", "in", "on", "at", "to", "into", "onto", "with", "and", "or", "by", "for", "from", "over", "under",
        "along", "across", "through", "around", "near", "while", "as", "is", "are", "its", "their", "his", "her", "some", "each",
        "other", "very", "then", "up", "down", "off", "out", "that", "this", "it", "be", "being", "who", "which", "one",
    ];

    private static readonly Dictionary<string, int> Numbers = new()
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["single"] = 1, ["two"] = 2, ["pair"] = 2, ["couple"] = 2, ["three"] = 3, ["four"] = 4,
        ["five"] = 5, ["six"] = 6, ["seven"] = 6, ["eight"] = 6, ["nine"] = 6, ["ten"] = 6, ["several"] = 3, ["few"] = 3,
        ["many"] = 5, ["lots"] = 5, ["group"] = 4, ["pack"] = 4, ["herd"] = 5, ["flock"] = 5,
    };

    private enum Slot
    {
        Subject,
        Setting,
        Action,
        Colour,
        Size,
        Time,
        Weather,
        Camera,
    }

    private sealed record Entry(Slot Slot, string Name, string Phrase, float[] Vector);

    private sealed record Match(int Start, int End, Slot Slot, string Name, float Score, bool Plural);

    private readonly IPromptEmbedder _embedder;
    private readonly Lazy<Entry[]> _entries;

    public ScenePlanner(IPromptEmbedder embedder)
    {
        _embedder = embedder;
        _entries = new(() => Vocabulary().Select(v => new Entry(v.Slot, v.Name, v.Phrase, embedder.Embed(v.Phrase))).ToArray());
    }

    private static IEnumerable<(Slot Slot, string Name, string Phrase)> Vocabulary()
    {
        foreach (var s in WorldVocabulary.Subjects) foreach (var p in s.Phrases) yield return (Slot.Subject, s.Name, p);
        foreach (var s in WorldVocabulary.Settings) foreach (var p in s.Phrases) yield return (Slot.Setting, s.Name, p);
        foreach (var (action, phrases) in WorldVocabulary.Actions) foreach (var p in phrases) yield return (Slot.Action, action.ToString().ToLowerInvariant(), p);
        foreach (var c in WorldVocabulary.Colours) foreach (var p in c.Phrases) yield return (Slot.Colour, c.Name, p);
        foreach (var s in WorldVocabulary.Sizes) foreach (var p in s.Phrases) yield return (Slot.Size, s.Name, p);
        foreach (var t in WorldVocabulary.Times) foreach (var p in t.Phrases) yield return (Slot.Time, t.Name, p);
        foreach (var w in WorldVocabulary.Weathers) foreach (var p in w.Phrases) yield return (Slot.Weather, w.Name, p);
        foreach (var c in WorldVocabulary.Cameras) foreach (var p in c.Phrases) yield return (Slot.Camera, c.Name, p);
    }

    public ScenePlan Plan(string prompt)
    {
        // Mentions are read as the cameos are numbered (the consented ones, in order, each once); no handle is kept.
        var numbered = GenerationRules.WithMentionsNumbered(prompt, i => $" @cameo{i} ");
        var words = WordPattern().Matches(numbered.ToLowerInvariant()).Select(m => m.Value).Take(MaxWords).ToArray();
        var matches = Choose(Candidates(words).ToList(), words.Length);

        // Cameos: each mention is a person in the scene with that likeness (a second mention of one is the same person).
        var cameos = Enumerable.Range(0, words.Length).Where(i => words[i].StartsWith("@cameo"))
            .Select(i => (Position: i, Index: int.Parse(words[i][6..], System.Globalization.CultureInfo.InvariantCulture)))
            .DistinctBy(c => c.Index).ToList();

        var subjectMatches = matches.Where(m => m.Slot == Slot.Subject).ToList();
        var anchors = subjectMatches.Select(m => (m.Start, m.End, Match: (Match?)m, Cameo: (int?)null))
            .Concat(cameos.Select(c => (Start: c.Position, End: c.Position + 1, Match: (Match?)null, Cameo: (int?)c.Index)))
            .OrderBy(a => a.Start).Take(MaxSubjects).ToList();

        var subjects = new List<ScenePlanSubject>();
        for (var i = 0; i < anchors.Count; i++)
        {
            var a = anchors[i];
            var kind = a.Match is null ? WorldVocabulary.Subject("person") : WorldVocabulary.Subject(a.Match.Name);
            var from = i == 0 ? 0 : anchors[i - 1].End;
            var until = i + 1 < anchors.Count ? anchors[i + 1].Start : words.Length;
            var before = matches.Where(m => m.Start >= from && m.End <= a.Start).ToList();
            var colour = before.LastOrDefault(m => m.Slot == Slot.Colour)?.Name ?? kind.Colour;
            var size = before.LastOrDefault(m => m.Slot == Slot.Size)?.Name ?? "normal";
            // The action written after the subject (up to the next one), else one written before it, else its own.
            var action = matches.FirstOrDefault(m => m.Slot == Slot.Action && m.Start >= a.End && m.Start < until)?.Name
                         ?? before.LastOrDefault(m => m.Slot == Slot.Action)?.Name
                         ?? kind.Action.ToString().ToLowerInvariant();
            var count = a.Cameo is not null ? 1 : CountBefore(words, from, a.Start) ?? (a.Match!.Plural ? 3 : 1);
            subjects.Add(new ScenePlanSubject(kind.Name, colour, size, Math.Clamp(count, 1, MaxCount), action, a.Cameo));
        }

        var setting = Best(matches, Slot.Setting)
                      ?? subjects.Select(s => WorldVocabulary.Subject(s.Kind).Habitat).FirstOrDefault(h => h is not null)
                      ?? "park";
        if (subjects.Any(s => s.Action is "dive" or "swim" or "splash") && !WorldVocabulary.Setting(setting).Water) setting = "pool";
        // "Walking by the sea" happens on its shore: land movers with nothing to do in the water stand on the beach.
        if (setting == "sea" && subjects.Count > 0 && subjects.All(s => s.Action is not ("dive" or "swim" or "splash" or "float") &&
                WorldVocabulary.Subject(s.Kind).Form is Form.Biped or Form.Quadruped or Form.Vehicle or Form.Board or Form.Ball))
            setting = "beach";
        var time = Best(matches, Slot.Time) ?? "day";
        var weather = Best(matches, Slot.Weather) ?? "sun";
        var camera = Best(matches, Slot.Camera) ?? (subjects.FirstOrDefault()?.Action switch
        {
            "drive" or "run" or "walk" => "follow",
            "fly" => "pan",
            "spin" => "orbit",
            _ => "static",
        });

        var covered = new bool[words.Length];
        foreach (var m in matches) for (var i = m.Start; i < m.End; i++) covered[i] = true;
        var unknown = words.Where((w, i) => !covered[i] && !w.StartsWith('@') && !StopWords.Contains(w) && !Numbers.ContainsKey(w))
            .Distinct().ToArray();
        return new ScenePlan(setting, time, weather, camera, subjects.ToArray(), unknown);
    }

    /// <summary>The slot's best match; at a tie the later one, because English puts the head noun last ("seaside highway" is a road).</summary>
    private static string? Best(List<Match> matches, Slot slot) =>
        matches.Where(m => m.Slot == slot).OrderByDescending(m => m.Score).ThenByDescending(m => m.Start).FirstOrDefault()?.Name;

    private static int? CountBefore(string[] words, int from, int at)
    {
        for (var i = at - 1; i >= Math.Max(from, at - 4); i--)
        {
            if (Numbers.TryGetValue(words[i], out var n)) return n;
            if (int.TryParse(words[i], out var digits)) return digits;
        }
        return null;
    }

    /// <summary>Every phrase of 1 to 3 words that starts and ends on a content word, with its best meaning.</summary>
    private IEnumerable<Match> Candidates(string[] words)
    {
        var entries = _entries.Value;
        for (var start = 0; start < words.Length; start++)
        for (var length = 1; length <= 3 && start + length <= words.Length; length++)
        {
            var span = words[start..(start + length)];
            if (span.Any(w => w.StartsWith('@'))) break;
            var text = string.Join(' ', span);
            // Exact, or the plural of an exact phrase.
            var exact = entries.Where(e => e.Phrase == text).Select(e => (e, Plural: false))
                .Concat(entries.Where(e => text == e.Phrase + "s" || text == e.Phrase + "es" || (e.Phrase.EndsWith('y') && text == e.Phrase[..^1] + "ies"))
                    .Select(e => (e, Plural: true)))
                .FirstOrDefault();
            if (exact.e is not null)
            {
                yield return new Match(start, start + length, exact.e.Slot, exact.e.Name, 1.5f + length * 0.01f, exact.Plural);
                continue;
            }
            if (StopWords.Contains(span[0]) || StopWords.Contains(span[^1]) || Numbers.ContainsKey(span[0]) && length == 1) continue;
            var vector = _embedder.Embed(text);
            var best = entries.MaxBy(e => Cosine(vector, e.Vector))!;
            var score = Cosine(vector, best.Vector);
            if (score >= Threshold)
                yield return new Match(start, start + length, best.Slot, best.Name, score + length * 0.01f,
                    best.Slot == Slot.Subject && span[^1].EndsWith('s') && !best.Phrase.EndsWith('s'));
        }
    }

    /// <summary>Non-overlapping meanings, best first (so "coastal road" beats "coastal" and "road" apart).</summary>
    private static List<Match> Choose(List<Match> candidates, int words)
    {
        var taken = new bool[words];
        var chosen = new List<Match>();
        foreach (var m in candidates.OrderByDescending(m => m.Score).ThenByDescending(m => m.End - m.Start).ThenBy(m => m.Start))
        {
            if (Enumerable.Range(m.Start, m.End - m.Start).Any(i => taken[i])) continue;
            for (var i = m.Start; i < m.End; i++) taken[i] = true;
            chosen.Add(m);
        }
        return chosen.OrderBy(m => m.Start).ToList();
    }

    private static float Cosine(float[] a, float[] b)
    {
        var (dot, na, nb) = (0f, 0f, 0f);
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / MathF.Sqrt(Math.Max(na * nb, 1e-12f));
    }
}
