namespace Sora.Bench.Feed;

/// <summary>How a synthetic catalog writes the prompt of a video on a topic, and how widely each topic is liked.</summary>
public abstract class Vocabulary
{
    public abstract string Name { get; }
    public abstract int TopicCount { get; }
    public abstract string TopicName(int topic);
    /// <param name="ordinal">How many videos of this topic the catalog wrote before this one.</param>
    public abstract string Prompt(int topic, int ordinal, Random random);
    /// <summary>Share of people who like each topic (sums to 1).</summary>
    public abstract double[] Appeal { get; }
}

/// <summary>
/// The first catalog's vocabulary: 40 topics of four keywords each, three of them in every prompt, between two shot
/// words that every topic shares. Two videos of a topic share a keyword most of the time, so word overlap alone
/// finds the topic; the latency benchmark (./sora bench feed) and its search figures still use it. Topic appeal
/// follows a Zipf law.
/// </summary>
public sealed class KeywordTopics : Vocabulary
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

    private static readonly double[] Zipf = Enumerable.Range(0, Topics.Length).Select(t => 1 / Math.Pow(t + 1, 0.8)).ToArray();

    public override string Name => "keyword topics";
    public override int TopicCount => Topics.Length;
    public override string TopicName(int topic) => Topics[topic][0];
    public override double[] Appeal { get; } = Zipf.Select(z => z / Zipf.Sum()).ToArray();

    public override string Prompt(int topic, int ordinal, Random r)
    {
        var words = Topics[topic];
        return $"{Shots[r.Next(Shots.Length)]} {words[r.Next(4)]} {words[r.Next(4)]} {words[r.Next(4)]} {Shots[r.Next(Shots.Length)]}";
    }
}

/// <summary>
/// Six themes, each written in many words: a prompt is a subject, an action and a place, each drawn from fourteen
/// phrasings that share (almost) no words with one another, plus, half the time, a camera style that every theme
/// shares. Two prompts of one theme rarely share a word ("a tabby kneading a wool blanket by the fireplace" and "a
/// Siamese stalking a moth along the windowsill"), which is how people write prompts and what the outside check
/// through the API used (60 videos, 6 themes, 12 creators posting across them). Word overlap cannot find a theme
/// here; only an embedder that knows what words mean can. Every theme is liked by as many people as the others.
/// </summary>
public sealed class PhrasedThemes : Vocabulary
{
    private sealed record Theme(string Name, string[] Subjects, string[] Actions, string[] Places);

    private static readonly Theme[] Themes =
    [
        new("cats",
            ["a kitten", "a tabby", "a Siamese", "a fluffy feline", "a ginger tomcat", "a Persian", "a Maine Coon", "a black kitty",
             "a calico", "a hairless sphynx", "a mother cat and her litter", "an alley moggy", "a Bengal", "a grey Russian Blue"],
            ["chasing a laser dot", "napping", "batting at yarn", "pouncing on a toy mouse", "kneading a wool blanket", "purring softly",
             "stalking a moth", "squeezing into a cardboard box", "grooming its paws", "hissing at a cucumber", "climbing the curtains",
             "lapping up milk", "stretching after a snooze", "swatting a feather wand"],
            ["on a windowsill", "by the fireplace", "inside a scratching tower", "under the duvet", "near a litter tray", "on a radiator",
             "in a basket of laundry", "at the vet", "beside a food bowl", "atop the bookshelf", "in a sunbeam", "on grandma's lap",
             "in a pet shelter", "behind the sofa"]),
        new("cooking",
            ["a chef", "a grandmother", "a street vendor", "a pastry cook", "a sushi master", "a home baker", "a pitmaster",
             "a line cook", "a food truck owner", "a patissier", "a noodle maker", "a barista", "a butcher", "a cheesemonger"],
            ["kneading sourdough", "searing a ribeye", "folding dumplings", "whisking a custard", "flipping pancakes",
             "slicing fresh salmon", "simmering a curry", "frosting a layer cake", "pulling hand-made noodles", "grating parmesan",
             "smoking brisket", "caramelizing onions", "rolling pasta dough", "glazing croissants"],
            ["in a busy restaurant kitchen", "over a charcoal grill", "at a night market stall", "in a rustic bakery", "beside a wood-fired oven",
             "at a farmhouse table", "on a marble countertop", "in a steaming wok station", "at a food festival", "in a tiny ramen bar",
             "behind a deli counter", "on a cast-iron skillet", "in a patisserie window", "at a backyard barbecue"]),
        new("space",
            ["an astronaut", "a rocket", "a lunar rover", "a space station", "a comet", "a probe", "a spiral galaxy", "a cosmonaut",
             "a satellite", "a nebula", "a Mars lander", "a starship", "a black hole", "a ringed planet"],
            ["drifting weightless", "lifting off", "orbiting slowly", "streaking past", "docking", "glowing violet", "floating on a tether",
             "landing on dusty regolith", "spinning", "collapsing into itself", "beaming a signal home", "deploying solar panels",
             "re-entering with a fiery trail", "swirling with stardust"],
            ["above the Earth", "near Saturn's rings", "in deep space", "on the Moon's far side", "beyond the asteroid belt",
             "across the Milky Way", "in zero gravity", "over a red Martian crater", "at mission control", "through a wormhole",
             "near Jupiter's storms", "at the launch pad", "inside an observatory dome", "among distant constellations"]),
        new("ocean",
            ["a humpback whale", "a sea turtle", "a school of sardines", "a diver", "a clownfish", "a manta ray", "an octopus",
             "a pod of dolphins", "a jellyfish", "a great white shark", "a seahorse", "a snorkeler", "a sea otter", "a coral polyp"],
            ["breaching", "gliding slowly", "darting", "exploring a shipwreck", "hiding in anemones", "hunting squid", "changing colour",
             "leaping through surf", "pulsing gently", "circling", "clinging to kelp", "swimming beside a reef", "cracking a clam",
             "spawning at night"],
            ["in turquoise lagoon water", "along the Great Barrier Reef", "in the open Pacific", "beneath the waves", "in a kelp forest",
             "near a volcanic seamount", "in a tide pool", "off the coast of Hawaii", "in the abyssal dark", "around a sunken galleon",
             "in a saltwater aquarium", "under arctic sea ice", "in a mangrove estuary", "by a coral atoll"]),
        new("football",
            ["a striker", "a goalkeeper", "a midfielder", "a youth team", "a referee", "a winger", "a defender", "the home side",
             "a captain", "a substitute", "a penalty taker", "a veteran playmaker", "an academy prospect", "the supporters"],
            ["scoring a bicycle kick", "diving for a save", "dribbling past two tacklers", "celebrating a late winner",
             "showing a red card", "curling a free kick", "heading the equaliser", "chanting in the stands", "lifting the trophy",
             "taking a corner", "sliding into a tackle", "juggling the ball", "arguing with the linesman", "converting from the spot"],
            ["in a packed stadium", "on a muddy pitch", "at the World Cup final", "under floodlights", "in a Sunday league match",
             "at the derby", "in extra time", "on the training ground", "in the Champions League", "at Wembley", "in a penalty shootout",
             "on a rooftop five-a-side court", "during stoppage time", "at the academy"]),
        new("racing",
            ["a Formula One car", "a rally driver", "a drag racer", "a motorbike racer", "a stock car", "a vintage roadster",
             "a pit crew", "a go-kart", "a supercar", "a drift car", "a Le Mans prototype", "a dune buggy", "a muscle car", "an IndyCar"],
            ["overtaking on the inside", "drifting sideways", "launching off the line", "changing tyres in two seconds", "spinning out",
             "crossing the finish under a chequered flag", "revving its engine", "braking hard", "taking the hairpin", "leaning into a bend",
             "slipstreaming a rival", "burning rubber", "jumping a crest", "lapping the field"],
            ["at Monaco", "on a gravel rally stage", "down a quarter-mile strip", "at the Nürburgring", "on an oval speedway", "at Le Mans",
             "in the pit lane", "on a desert rally course", "through a mountain pass", "at Silverstone", "on a wet circuit",
             "at Daytona", "on a dirt track", "in a tunnel at night"]),
    ];

    /// <summary>The order in which a theme's first videos use the phrasings of one slot (seeded per theme and slot).</summary>
    private static int[] Shuffled(int topic, int slot, int count)
    {
        var random = new Random(31 * topic + slot);
        return Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToArray();
    }

    private static readonly string[] Styles =
    [
        "cinematic", "slow motion", "drone shot", "close-up", "handheld", "golden hour light", "shot on 35mm film", "timelapse",
        "wide angle", "dreamy soft focus",
    ];

    public override string Name => "six themes in varied words";
    public override int TopicCount => Themes.Length;
    public override string TopicName(int topic) => Themes[topic].Name;
    public override double[] Appeal { get; } = Enumerable.Repeat(1.0 / Themes.Length, Themes.Length).ToArray();

    /// <summary>
    /// A theme's first fourteen videos use every phrasing once, in an order shuffled per theme and slot, so no two of
    /// them share a phrase (the 10 videos a theme has in the 60-video check share no word but the camera styles); later
    /// ones draw phrasings at random, so a larger catalog repeats phrasings, and word overlap finds some of a theme.
    /// </summary>
    public override string Prompt(int topic, int ordinal, Random r)
    {
        var theme = Themes[topic];
        string Pick(string[] phrasings, int slot) => ordinal < phrasings.Length
            ? phrasings[Shuffled(topic, slot, phrasings.Length)[ordinal]]
            : phrasings[r.Next(phrasings.Length)];
        var prompt = $"{Pick(theme.Subjects, 0)} {Pick(theme.Actions, 1)} {Pick(theme.Places, 2)}";
        return r.NextDouble() < 0.5 ? $"{prompt}, {Styles[r.Next(Styles.Length)]}" : prompt;
    }
}
