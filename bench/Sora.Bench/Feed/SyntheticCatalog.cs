using Sora.Domain.Text;

namespace Sora.Bench.Feed;

/// <summary>One synthetic video: its prompt's topic, author, age, content vector and engagement so far.</summary>
public sealed record SimVideo(int Index, Guid Id, int Topic, int Author, DateTimeOffset PublishedAt, string Prompt, float[] Vector,
    string[] TopicKeys, double Popularity, double Quality);

/// <summary>
/// A synthetic catalog for the feed benchmarks. Prompts are written from a <see cref="Vocabulary"/> (keyword topics
/// for the latency benchmark, themes in varied words for the quality harness), and their content vectors come from
/// the prompt embedder under test, so the feed sees the vectors it would see in production. Each creator has a home
/// topic and posts there with probability <c>homeShare</c>, anywhere otherwise (0: across every topic, as the
/// creators of the outside check did). Popularity grows with the topic's appeal, the video's quality and its age.
/// Everything is drawn from a seeded generator: the same arguments give the same catalog, whatever the embedder.
/// </summary>
public sealed class SyntheticCatalog
{
    public Vocabulary Vocabulary { get; }
    public int TopicCount => Vocabulary.TopicCount;
    public IReadOnlyList<SimVideo> Videos { get; }
    public int Creators { get; }
    /// <summary>Share of people who like each topic.</summary>
    public double[] Appeal => Vocabulary.Appeal;
    public DateTimeOffset Now { get; }

    public SyntheticCatalog(int videos, int creators, int seed, DateTimeOffset now, IPromptEmbedder embedder, Vocabulary? vocabulary = null,
        double homeShare = 0.85, bool roundRobinAuthors = false)
    {
        Now = now;
        Creators = creators;
        Vocabulary = vocabulary ??= new KeywordTopics();
        var random = new Random(seed);
        var home = Enumerable.Range(0, creators).Select(_ => Draw(random, Appeal)).ToArray();
        var list = new SimVideo[videos];
        // Embedding is the slow part at a million videos: seeds are drawn in order, the work runs in parallel. Each
        // video's author and topic come first from its own generator; a first pass draws them in order to number the
        // videos of each topic (a vocabulary may write a topic's first videos in words no other of them uses).
        var seeds = Enumerable.Range(0, videos).Select(_ => random.Next()).ToArray();
        (int Author, int Topic) Assign(int i, Random r)
        {
            // Dealt as the outside check was: creators in turn, and topics in turn shifted by one each round of
            // creators, so each of the 12 creators of 60 videos posts five videos on five themes, and each theme has 10.
            if (roundRobinAuthors) return (i % creators, (i + i / creators) % vocabulary.TopicCount);
            var author = r.Next(creators);
            return (author, r.NextDouble() < homeShare ? home[author] : r.Next(vocabulary.TopicCount));
        }
        var ordinals = new int[videos];
        var perTopic = new int[vocabulary.TopicCount];
        for (var i = 0; i < videos; i++) ordinals[i] = perTopic[Assign(i, new Random(seeds[i])).Topic]++;
        Parallel.For(0, videos, i =>
        {
            var r = new Random(seeds[i]);
            var (author, topic) = Assign(i, r);
            var prompt = vocabulary.Prompt(topic, ordinals[i], r);
            var vector = embedder.Embed(prompt);
            var ageHours = r.NextDouble() * 14 * 24;
            var quality = Math.Exp(0.5 * Gaussian(r));
            var popularity = Math.Round(Appeal[topic] * vocabulary.TopicCount * quality * 200 * (1 - Math.Exp(-ageHours / 24)) * (0.5 + r.NextDouble()));
            list[i] = new SimVideo(i, IdFor(i), topic, author, now.AddHours(-ageHours), prompt, vector, Domain.Feed.InterestModel.TopicKeys(vector),
                popularity, quality);
        });
        Videos = list;
    }

    public static Guid IdFor(int video) => new(video, 0x5eed, 0x0001, 0, 0, 0, 0, 0, 0, 0, 1);
    public static Guid AuthorIdFor(int author) => new(author, 0x5eed, 0x0002, 0, 0, 0, 0, 0, 0, 0, 2);

    public static int Draw(Random random, double[] weights)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
            if ((x -= weights[i]) <= 0) return i;
        return weights.Length - 1;
    }

    public static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
