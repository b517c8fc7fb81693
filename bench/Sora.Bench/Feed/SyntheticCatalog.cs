using Sora.Domain.Text;

namespace Sora.Bench.Feed;

/// <summary>One synthetic video: its prompt's topic, author, age, content vector and engagement so far.</summary>
public sealed record SimVideo(int Index, Guid Id, int Topic, int Author, DateTimeOffset PublishedAt, string Prompt, float[] Vector,
    string[] TopicKeys, double Popularity, double Quality);

/// <summary>
/// A synthetic catalog for the feed benchmarks. Videos have prompts written from topic vocabularies (plus shot and
/// style words shared by every topic), and their content vectors come from the production prompt embedder, so the
/// feed sees the same kind of noisy vectors it sees in production. Creators mostly post in one home topic. Topic
/// appeal follows a Zipf law (a few topics are liked by many people), and popularity grows with appeal, the
/// video's quality and its age. Everything is drawn from a seeded generator: the same arguments give the same catalog.
/// </summary>
public sealed class SyntheticCatalog
{
    public static readonly string[][] Topics =
    [
        ["kitten", "cat", "purr", "whisker"], ["puppy", "dog", "fetch", "leash"], ["skateboard", "kickflip", "halfpipe", "grind"],
        ["surf", "wave", "surfboard", "barrel"], ["pasta", "spaghetti", "parmesan", "basil"], ["bread", "sourdough", "oven", "knead"],
        ["taco", "street", "vendor", "grill"], ["rocket", "launch", "booster", "countdown"], ["galaxy", "nebula", "telescope", "stars"],
        ["dinosaur", "raptor", "fossil", "jurassic"], ["robot", "servo", "android", "circuit"], ["anime", "katana", "shonen", "duel"],
        ["knight", "castle", "armor", "joust"], ["pirate", "galleon", "treasure", "parrot"], ["ballet", "ballerina", "pointe", "tutu"],
        ["hiphop", "breakdance", "cypher", "freestyle"], ["guitar", "riff", "amplifier", "solo"], ["piano", "sonata", "keys", "pianist"],
        ["soccer", "goal", "striker", "penalty"], ["basketball", "dunk", "hoop", "rebound"], ["hiking", "summit", "trail", "backpack"],
        ["ski", "slope", "powder", "chairlift"], ["reef", "clownfish", "coral", "snorkel"], ["parrot", "toucan", "jungle", "canopy"],
        ["horse", "stallion", "gallop", "saddle"], ["roadster", "chrome", "carburetor", "classic"], ["motorcycle", "throttle", "helmet", "biker"],
        ["train", "locomotive", "railway", "steam"], ["runway", "couture", "model", "catwalk"], ["makeup", "eyeliner", "lipstick", "contour"],
        ["garden", "tulip", "rose", "bloom"], ["woodwork", "chisel", "lathe", "oak"], ["pottery", "clay", "wheel", "glaze"],
        ["watercolor", "brush", "canvas", "pigment"], ["chess", "checkmate", "bishop", "gambit"], ["magic", "card", "illusion", "magician"],
        ["yoga", "pose", "meditation", "mat"], ["boxing", "punch", "ring", "glove"], ["cyberpunk", "hologram", "megacity", "hacker"],
        ["dragon", "wyvern", "fire", "scale"],
    ];

    private static readonly string[] Shots =
    [
        "cinematic", "slow motion", "golden hour", "drone shot", "close up", "neon lights", "rainy night", "sunny morning",
        "handheld", "vintage film", "wide angle", "timelapse",
    ];

    public int TopicCount => Topics.Length;
    public IReadOnlyList<SimVideo> Videos { get; }
    public int Creators { get; }
    /// <summary>Share of people who like each topic (the Zipf weights, normalised).</summary>
    public double[] Appeal { get; }
    public DateTimeOffset Now { get; }

    public SyntheticCatalog(int videos, int creators, int seed, DateTimeOffset now, IPromptEmbedder embedder)
    {
        Now = now;
        Creators = creators;
        var random = new Random(seed);
        var zipf = Enumerable.Range(0, Topics.Length).Select(t => 1 / Math.Pow(t + 1, 0.8)).ToArray();
        Appeal = zipf.Select(z => z / zipf.Sum()).ToArray();
        var home = Enumerable.Range(0, creators).Select(_ => Draw(random, Appeal)).ToArray();
        var list = new SimVideo[videos];
        // Embedding is the slow part at a million videos: seeds are drawn in order, the work runs in parallel.
        var seeds = Enumerable.Range(0, videos).Select(_ => random.Next()).ToArray();
        Parallel.For(0, videos, i =>
        {
            var r = new Random(seeds[i]);
            var author = r.Next(creators);
            var topic = r.NextDouble() < 0.85 ? home[author] : r.Next(Topics.Length);
            var words = Topics[topic];
            var prompt = $"{Shots[r.Next(Shots.Length)]} {words[r.Next(4)]} {words[r.Next(4)]} {words[r.Next(4)]} {Shots[r.Next(Shots.Length)]}";
            var vector = embedder.Embed(prompt);
            var ageHours = r.NextDouble() * 14 * 24;
            var quality = Math.Exp(0.5 * Gaussian(r));
            var popularity = Math.Round(Appeal[topic] * Topics.Length * quality * 200 * (1 - Math.Exp(-ageHours / 24)) * (0.5 + r.NextDouble()));
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
