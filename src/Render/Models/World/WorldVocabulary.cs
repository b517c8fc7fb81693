namespace Sora.Render.Models.World;

/// <summary>How a subject is built from primitives and how it moves (the renderer and the simulation both read it).</summary>
public enum Form
{
    Ball,
    Balloon,
    Block,
    Cylinder,
    Vehicle,
    Board,
    Boat,
    Aircraft,
    Biped,
    Quadruped,
    Bird,
    Fish,
    Snowman,
    Tree,
}

public enum SceneAction
{
    Idle,
    Bounce,
    Roll,
    Fall,
    Throw,
    Fly,
    Drive,
    Walk,
    Run,
    Jump,
    Spin,
    Dive,
    Splash,
    Collide,
    Stack,
    Topple,
    Float,
    Swim,
}

/// <summary>A subject kind: the phrases that name it, its build, what it is made of, its usual size (m) and colour, and what it does when the prompt says nothing.</summary>
public sealed record SubjectKind(string Name, string[] Phrases, Form Form, Material Material, double Size, string Colour, SceneAction Action,
    string? Habitat = null);

/// <summary>A setting: its ground (or water), the scenery standing in it, the ambience heard there.</summary>
public sealed record SettingKind(string Name, string[] Phrases, Material Ground, Rgb GroundColour, Rgb GroundAccent, bool Water, Ambience Ambience,
    Scenery Scenery);

public enum Ambience
{
    Surf,
    Wind,
    City,
    Room,
    Forest,
    Crowd,
}

/// <summary>What stands in a setting around the subjects: drawn from the same parts as they are (only the edge a diver pushes off is also a body).</summary>
public enum Scenery
{
    None,
    Trees,
    Buildings,
    Walls,
    Ramps,
    Dunes,
    PoolEdge,
    Clouds,
    RoadLines,
}

public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Hex(uint v) => new((byte)(v >> 16), (byte)(v >> 8), (byte)v);
}

/// <summary>
/// The built-in model's whole vocabulary. Each entry lists a few phrases; the planner matches the prompt's phrases to
/// them with the sentence model, so a paraphrase ("automobile", "kitties", "at dusk") lands on the same entry.
/// </summary>
public static class WorldVocabulary
{
    public static readonly SubjectKind[] Subjects =
    [
        new("ball", ["ball", "rubber ball", "bouncy ball"], Form.Ball, Material.Rubber, 0.22, "red", SceneAction.Bounce),
        new("basketball", ["basketball"], Form.Ball, Material.Rubber, 0.24, "orange", SceneAction.Bounce),
        new("football", ["football", "soccer ball"], Form.Ball, Material.Rubber, 0.22, "white", SceneAction.Roll),
        new("tennis ball", ["tennis ball"], Form.Ball, Material.Rubber, 0.07, "yellow", SceneAction.Bounce),
        new("beach ball", ["beach ball", "inflatable ball"], Form.Ball, Material.Plastic, 0.5, "pink", SceneAction.Bounce, "beach"),
        new("bowling ball", ["bowling ball", "heavy ball"], Form.Ball, Material.Stone, 0.22, "black", SceneAction.Roll),
        new("marble", ["marble", "glass marble"], Form.Ball, Material.Glass, 0.03, "blue", SceneAction.Roll),
        new("balloon", ["balloon", "party balloon"], Form.Balloon, Material.Plastic, 0.35, "red", SceneAction.Float),
        new("apple", ["apple", "fruit"], Form.Ball, Material.Flesh, 0.09, "red", SceneAction.Fall),
        new("orange", ["orange fruit", "tangerine"], Form.Ball, Material.Flesh, 0.09, "orange", SceneAction.Roll),
        new("pumpkin", ["pumpkin"], Form.Ball, Material.Flesh, 0.4, "orange", SceneAction.Roll),
        new("box", ["box", "crate", "cardboard box", "package"], Form.Block, Material.Wood, 0.5, "brown", SceneAction.Fall),
        new("cube", ["cube", "block", "toy block"], Form.Block, Material.Plastic, 0.3, "blue", SceneAction.Stack),
        new("dice", ["dice", "die"], Form.Block, Material.Plastic, 0.1, "white", SceneAction.Throw),
        new("book", ["book", "books"], Form.Block, Material.Wood, 0.25, "green", SceneAction.Stack),
        new("barrel", ["barrel", "drum"], Form.Cylinder, Material.Wood, 0.9, "brown", SceneAction.Roll),
        new("bottle", ["bottle", "glass bottle"], Form.Cylinder, Material.Glass, 0.3, "green", SceneAction.Topple),
        new("can", ["can", "soda can", "tin can"], Form.Cylinder, Material.Metal, 0.12, "silver", SceneAction.Roll),
        new("log", ["log", "tree trunk"], Form.Cylinder, Material.Wood, 1.5, "brown", SceneAction.Roll, "forest"),
        new("rock", ["rock", "boulder", "stone"], Form.Ball, Material.Stone, 0.8, "grey", SceneAction.Roll),
        new("car", ["car", "sports car", "automobile", "race car"], Form.Vehicle, Material.Metal, 4.2, "red", SceneAction.Drive, "road"),
        new("truck", ["truck", "lorry", "pickup truck"], Form.Vehicle, Material.Metal, 6, "blue", SceneAction.Drive, "road"),
        new("bus", ["bus", "school bus"], Form.Vehicle, Material.Metal, 10, "yellow", SceneAction.Drive, "city street"),
        new("skateboard", ["skateboard", "skater", "skateboarder"], Form.Board, Material.Wood, 0.8, "black", SceneAction.Jump, "skatepark"),
        new("boat", ["boat", "sailboat", "ship", "canoe"], Form.Boat, Material.Wood, 5, "white", SceneAction.Float, "sea"),
        new("plane", ["plane", "airplane", "aeroplane", "jet"], Form.Aircraft, Material.Metal, 12, "white", SceneAction.Fly, "sky"),
        new("rocket", ["rocket", "spaceship"], Form.Aircraft, Material.Metal, 6, "silver", SceneAction.Fly, "sky"),
        new("drone", ["drone", "quadcopter"], Form.Aircraft, Material.Plastic, 0.5, "black", SceneAction.Fly),
        new("person", ["person", "man", "woman", "someone", "people", "human"], Form.Biped, Material.Flesh, 1.75, "blue", SceneAction.Walk),
        new("child", ["child", "kid", "boy", "girl", "children"], Form.Biped, Material.Flesh, 1.2, "yellow", SceneAction.Run),
        new("dancer", ["dancer", "ballerina"], Form.Biped, Material.Flesh, 1.7, "pink", SceneAction.Spin),
        new("runner", ["runner", "jogger", "athlete", "sprinter"], Form.Biped, Material.Flesh, 1.8, "red", SceneAction.Run),
        new("diver", ["diver", "swimmer"], Form.Biped, Material.Flesh, 1.75, "blue", SceneAction.Dive, "pool"),
        new("robot", ["robot", "android", "machine"], Form.Biped, Material.Metal, 1.6, "silver", SceneAction.Walk),
        new("dog", ["dog", "puppy", "hound"], Form.Quadruped, Material.Fur, 0.7, "brown", SceneAction.Run),
        new("cat", ["cat", "kitten", "kitty"], Form.Quadruped, Material.Fur, 0.35, "orange", SceneAction.Jump),
        new("horse", ["horse", "pony", "stallion"], Form.Quadruped, Material.Fur, 2.2, "brown", SceneAction.Run, "field"),
        new("cow", ["cow", "cattle", "bull"], Form.Quadruped, Material.Fur, 2.2, "white", SceneAction.Walk, "field"),
        new("bear", ["bear", "grizzly"], Form.Quadruped, Material.Fur, 1.8, "brown", SceneAction.Walk, "forest"),
        new("rabbit", ["rabbit", "bunny", "hare"], Form.Quadruped, Material.Fur, 0.3, "white", SceneAction.Jump),
        new("penguin", ["penguin"], Form.Biped, Material.Flesh, 0.7, "black", SceneAction.Walk, "snow field"),
        new("bird", ["bird", "seagull", "pigeon", "eagle", "parrot"], Form.Bird, Material.Flesh, 0.4, "white", SceneAction.Fly),
        new("duck", ["duck", "duckling"], Form.Bird, Material.Flesh, 0.4, "yellow", SceneAction.Swim, "pool"),
        new("fish", ["fish", "goldfish", "shark"], Form.Fish, Material.Flesh, 0.5, "orange", SceneAction.Swim, "sea"),
        new("dolphin", ["dolphin", "whale"], Form.Fish, Material.Flesh, 2.5, "grey", SceneAction.Dive, "sea"),
        new("snowman", ["snowman"], Form.Snowman, Material.Snow, 1.6, "white", SceneAction.Idle, "snow field"),
        new("tree", ["tree", "palm tree", "pine tree"], Form.Tree, Material.Wood, 5, "green", SceneAction.Idle),
    ];

    public static readonly SettingKind[] Settings =
    [
        new("beach", ["beach", "sandy shore", "seaside", "coast"], Material.Sand, Rgb.Hex(0xe8d39a), Rgb.Hex(0xd9c07e), false, Ambience.Surf, Scenery.None),
        new("snow field", ["snow", "snowy field", "snowy garden", "winter landscape", "ski slope"], Material.Snow, Rgb.Hex(0xf2f5fa), Rgb.Hex(0xdde6f0), false, Ambience.Wind, Scenery.Trees),
        new("city street", ["city street", "city", "downtown", "sidewalk", "town"], Material.Concrete, Rgb.Hex(0x6b6d70), Rgb.Hex(0x8a8c8f), false, Ambience.City, Scenery.Buildings),
        new("forest", ["forest", "woods", "jungle"], Material.Grass, Rgb.Hex(0x3d5a2a), Rgb.Hex(0x4f6b33), false, Ambience.Forest, Scenery.Trees),
        new("desert", ["desert", "sand dunes", "sahara"], Material.Sand, Rgb.Hex(0xd9a55b), Rgb.Hex(0xc48f48), false, Ambience.Wind, Scenery.Dunes),
        new("pool", ["swimming pool", "pool"], Material.Water, Rgb.Hex(0x3fb6d9), Rgb.Hex(0x7fd3ea), true, Ambience.Room, Scenery.PoolEdge),
        new("gym", ["gym", "gymnasium", "basketball court", "sports hall"], Material.Wood, Rgb.Hex(0xc8955a), Rgb.Hex(0xb07f48), false, Ambience.Room, Scenery.Walls),
        new("skatepark", ["skatepark", "skate park", "half pipe"], Material.Concrete, Rgb.Hex(0xa3a6a8), Rgb.Hex(0x8f9294), false, Ambience.City, Scenery.Ramps),
        new("road", ["road", "highway", "coastal road", "racetrack", "street race"], Material.Concrete, Rgb.Hex(0x3b3d40), Rgb.Hex(0x55585c), false, Ambience.Wind, Scenery.RoadLines),
        new("room", ["room", "living room", "bedroom", "kitchen", "indoors", "table"], Material.Carpet, Rgb.Hex(0x9c7b5e), Rgb.Hex(0x8a6a4f), false, Ambience.Room, Scenery.Walls),
        new("sea", ["sea", "ocean", "waves", "lake"], Material.Water, Rgb.Hex(0x1f5f8b), Rgb.Hex(0x2f7fae), true, Ambience.Surf, Scenery.None),
        new("sky", ["sky", "clouds", "air", "above the clouds"], Material.Grass, Rgb.Hex(0x6f9a4a), Rgb.Hex(0x5e8a3e), false, Ambience.Wind, Scenery.Clouds),
        new("park", ["park", "garden", "lawn", "backyard", "meadow"], Material.Grass, Rgb.Hex(0x5a9a3a), Rgb.Hex(0x4c8a30), false, Ambience.Forest, Scenery.Trees),
        new("field", ["field", "farm", "stadium", "football pitch"], Material.Grass, Rgb.Hex(0x6aa84f), Rgb.Hex(0x5b9843), false, Ambience.Crowd, Scenery.None),
    ];

    public static readonly (SceneAction Action, string[] Phrases)[] Actions =
    [
        (SceneAction.Bounce, ["bounce", "bouncing", "bounces", "hopping ball"]),
        (SceneAction.Roll, ["roll", "rolling", "rolls", "tumbling along"]),
        (SceneAction.Fall, ["fall", "falling", "drop", "dropped", "falls"]),
        (SceneAction.Throw, ["throw", "thrown", "toss", "tossed", "launched"]),
        (SceneAction.Fly, ["fly", "flying", "soaring", "flies", "gliding"]),
        (SceneAction.Drive, ["drive", "driving", "racing", "speeding", "cruising"]),
        (SceneAction.Walk, ["walk", "walking", "strolling", "wandering"]),
        (SceneAction.Run, ["run", "running", "sprinting", "chasing", "racing on foot"]),
        (SceneAction.Jump, ["jump", "jumping", "leaping", "kickflip", "trick"]),
        (SceneAction.Spin, ["spin", "spinning", "twirling", "dancing", "rotating"]),
        (SceneAction.Dive, ["dive", "diving", "plunging", "jumps into the water"]),
        (SceneAction.Splash, ["splash", "splashing", "playing in the water"]),
        (SceneAction.Collide, ["collide", "colliding", "crash", "crashing", "hitting each other"]),
        (SceneAction.Stack, ["stack", "stacked", "pile", "tower of"]),
        (SceneAction.Topple, ["topple", "toppling", "knocked over", "tipping over"]),
        (SceneAction.Float, ["float", "floating", "drifting", "bobbing"]),
        (SceneAction.Swim, ["swim", "swimming", "paddling"]),
        (SceneAction.Idle, ["standing", "sitting", "resting", "waiting"]),
    ];

    public static readonly (string Name, Rgb Rgb, string[] Phrases)[] Colours =
    [
        ("red", Rgb.Hex(0xd62828), ["red", "crimson", "scarlet"]),
        ("orange", Rgb.Hex(0xf77f00), ["orange", "tangerine coloured"]),
        ("yellow", Rgb.Hex(0xfcbf49), ["yellow", "golden yellow"]),
        ("green", Rgb.Hex(0x2a9d3f), ["green", "emerald", "lime"]),
        ("teal", Rgb.Hex(0x1b9aaa), ["teal", "turquoise", "cyan"]),
        ("blue", Rgb.Hex(0x1d4ed8), ["blue", "navy", "azure"]),
        ("purple", Rgb.Hex(0x7b2cbf), ["purple", "violet", "lavender"]),
        ("pink", Rgb.Hex(0xff69b4), ["pink", "magenta"]),
        ("white", Rgb.Hex(0xf4f4f4), ["white", "snowy white"]),
        ("black", Rgb.Hex(0x1a1a1a), ["black", "dark"]),
        ("grey", Rgb.Hex(0x8d8d8d), ["grey", "gray"]),
        ("brown", Rgb.Hex(0x7f5539), ["brown", "tan", "chocolate"]),
        ("silver", Rgb.Hex(0xc0c6cc), ["silver", "metallic", "chrome"]),
        ("gold", Rgb.Hex(0xd4a017), ["gold", "golden"]),
    ];

    public static readonly (string Name, double Scale, string[] Phrases)[] Sizes =
    [
        ("tiny", 0.4, ["tiny", "miniature", "little"]),
        ("small", 0.7, ["small"]),
        ("big", 1.5, ["big", "large"]),
        ("huge", 2.2, ["huge", "giant", "enormous", "massive"]),
    ];

    public static readonly (string Name, string[] Phrases)[] Times =
    [
        ("sunset", ["sunset", "dusk", "golden hour", "sunrise", "dawn", "evening"]),
        ("night", ["night", "midnight", "moonlight", "at night", "starry"]),
    ];

    public static readonly (string Name, string[] Phrases)[] Weathers =
    [
        ("fog", ["fog", "foggy", "mist", "misty", "haze"]),
        ("rain", ["rain", "rainy", "raining", "storm", "downpour"]),
        ("snow", ["snowing", "snowfall", "snowflakes", "blizzard"]),
        ("sun", ["sunny", "sunshine", "clear sky", "bright day"]),
    ];

    public static readonly (string Name, string[] Phrases)[] Cameras =
    [
        ("pan", ["pan", "panning", "sweeping shot"]),
        ("follow", ["follow", "following", "tracking shot", "chase cam"]),
        ("orbit", ["orbit", "orbiting", "circling around", "360"]),
        ("dolly", ["dolly", "zoom in", "push in", "dolly zoom", "closer"]),
        ("static", ["static shot", "still camera", "locked off", "tripod"]),
    ];

    public static SubjectKind Subject(string name) => Subjects.First(s => s.Name == name);
    public static SettingKind Setting(string name) => Settings.First(s => s.Name == name);
    public static Rgb Colour(string name) => Colours.First(c => c.Name == name).Rgb;
}
