using System.Text.RegularExpressions;
using Sora.Domain.Common;

namespace Sora.Domain.Generations;

/// <summary>Input rules for a generation request (pure). Every refusal here happens before anything is charged.</summary>
public static partial class GenerationRules
{
    public const string InvalidPrompt = "INVALID_PROMPT";
    public const string UnsupportedDuration = "UNSUPPORTED_DURATION";
    public const string TooManyCameos = "TOO_MANY_CAMEOS";
    public const string UnknownCameo = "UNKNOWN_CAMEO";
    public const string InvalidImage = "INVALID_IMAGE";
    public const string RemixUnavailable = "REMIX_UNAVAILABLE";
    public const string InvalidClientRequestId = "INVALID_CLIENT_REQUEST_ID";
    public const string NotCancellable = "NOT_CANCELLABLE";
    public const string NotPublishable = "NOT_PUBLISHABLE";
    /// <summary>A face in the input belongs to a verified person who has not allowed this requester.</summary>
    public const string LikenessNotConsented = "LIKENESS_NOT_CONSENTED";

    public static Refusal? Validate(RequestGeneration request)
    {
        var prompt = request.Prompt.Trim();
        if (prompt.Length == 0) return new Refusal(InvalidPrompt, "Describe the video you want.", "prompt");
        if (prompt.Length > GenerationFormat.MaxPromptLength)
            return new Refusal(InvalidPrompt, $"Prompts are at most {GenerationFormat.MaxPromptLength} characters.", "prompt");
        if (!GenerationFormat.Durations.Contains(request.DurationSeconds))
            return new Refusal(UnsupportedDuration, "Videos are 5, 10 or 15 seconds long.", "durationSeconds");
        if (Mentions(prompt).Count > GenerationFormat.MaxCameos)
            return new Refusal(TooManyCameos, $"At most {GenerationFormat.MaxCameos} cameos per video.", "prompt");
        if (request.ClientRequestId.Length is 0 or > 100)
            return new Refusal(InvalidClientRequestId, "clientRequestId must be 1 to 100 characters.", "clientRequestId");
        if (request.ImageMediaId is not null && request.RemixOf is not null)
            return new Refusal(ErrorCodes.BadUserInput, "Use either an image or a remix source, not both.", "image");
        return null;
    }

    /// <summary>The distinct @handles a prompt mentions, in order (lower-cased).</summary>
    public static IReadOnlyList<string> Mentions(string prompt) =>
        MentionPattern().Matches(prompt).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().ToList();

    /// <summary>
    /// The prompt with each mention replaced by <paramref name="placeholder"/>(its index in <see cref="Mentions"/>), and
    /// every other '@' (an e-mail address, a stray sign) made a space: what a reader of the scene may see of it, with
    /// the handles numbered as the cameos are, never named.
    /// </summary>
    public static string WithMentionsNumbered(string prompt, Func<int, string> placeholder)
    {
        var mentions = Mentions(prompt).ToList();
        var text = new System.Text.StringBuilder(prompt.Length);
        var at = 0;
        foreach (Match m in MentionPattern().Matches(prompt))
        {
            text.Append(prompt.AsSpan(at, m.Index - at).ToString().Replace('@', ' '));
            text.Append(placeholder(mentions.IndexOf(m.Groups[1].Value.ToLowerInvariant())));
            at = m.Index + m.Length;
        }
        text.Append(prompt[at..].Replace('@', ' '));
        return text.ToString();
    }

    /// <summary>The generation id is derived from requester and client request id: a retry meets the first attempt.</summary>
    public static Guid IdFor(Guid requester, string clientRequestId) => DeterministicGuid.From("generation|" + clientRequestId, requester);

    public static Guid UseIdFor(Guid generation, Guid cameo) => DeterministicGuid.From("generation-cameo-use", generation, cameo);

    /// <summary>Quoted dialogue ("...") in the prompt: spoken in the video and shown as captions.</summary>
    public static IReadOnlyList<string> Dialogue(string prompt) =>
        DialoguePattern().Matches(prompt).Select(m => m.Groups[1].Value.Trim()).Where(s => s.Length > 0).ToList();

    [GeneratedRegex(@"(?<![\w@])@([A-Za-z0-9][A-Za-z0-9_.]{1,28}[A-Za-z0-9_])")]
    private static partial Regex MentionPattern();

    [GeneratedRegex("[\"“”]([^\"“”]{1,300})[\"“”]")]
    private static partial Regex DialoguePattern();
}
