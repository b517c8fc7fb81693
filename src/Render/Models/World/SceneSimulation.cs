using Sora.Domain.Generations;

namespace Sora.Render.Models.World;

/// <summary>One drawable part of a subject in one frame: a sphere, a capsule (segment A to B) or a box.</summary>
public sealed record Part(int Subject, BodyShape Shape, Vec3 A, Vec3 B, double Radius, Vec3 HalfExtents, Quat Orientation, Rgb Colour,
    double Gloss = 0.2, int? Likeness = null)
{
    public Vec3 Centre => Shape == BodyShape.Capsule ? (A + B) * 0.5 : A;
}

/// <summary>The camera of one frame: where it is, what it looks at, its vertical field of view.</summary>
public sealed record CameraPose(Vec3 Eye, Vec3 Target, double FovDegrees = 50);

/// <summary>Everything drawn in one frame, and where each subject's body was (for the tests and the sound).</summary>
public sealed record FrameState(double Time, CameraPose Camera, IReadOnlyList<Part> Parts, IReadOnlyList<Vec3> Bodies);

/// <summary>A simulated scene: the plan it came from, its frames, and the collisions heard in it.</summary>
public sealed record SimulatedScene(ScenePlan Plan, SettingKind Setting, IReadOnlyList<FrameState> Frames, IReadOnlyList<Impact> Impacts);

/// <summary>
/// Turns a plan into bodies, drives them for the scene's length in <see cref="PhysicsWorld"/>, and samples a frame
/// state at the frame rate. Physical actions come from the simulation: a bounce is a dropped ball, a throw a launched
/// body, a jump an impulse on a body standing on the ground, a collision two bodies sent at each other, a topple a
/// stack struck by a ball. Only what has no physics here is procedural: a figure's legs and arms swing with its speed
/// (the gait), wings flap, a boat bobs. The seed only varies placement and strength, never the kind of motion.
/// </summary>
public static class SceneSimulation
{
    private sealed record Driven(RigidBody Body, SubjectKind Kind, ScenePlanSubject Subject, int SubjectIndex, double Scale, Rgb Colour, double Speed,
        double Phase)
    {
        /// <summary>A dive is one push off the edge.</summary>
        public bool Launched { get; set; }
    }

    /// <summary>Bodies in one scene at most: the renderer draws every part of every one in every frame.</summary>
    private const int MaxBodies = 12;

    public static SimulatedScene Run(ScenePlan plan, long seed, double seconds, double fps)
    {
        var setting = WorldVocabulary.Setting(plan.Setting);
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var waterLevel = setting.Water ? 0.0 : (double?)null;
        var world = new PhysicsWorld
        {
            Ground = Surface.For(setting.Water ? Material.Concrete : setting.Ground),
            // Water scenes stand on a floor under the surface: the pool's or the sea bed.
            GroundHeight = setting.Water ? -2.5 : 0,
            WaterLevel = waterLevel,
        };
        if (setting.Scenery == Scenery.Walls)
            foreach (var (n, d) in new[] { (new Vec3(0, 0, -1), -6.0), (new Vec3(1, 0, 0), -7.0), (new Vec3(-1, 0, 0), -7.0) })
                world.AddWall(new Wall(n, d, Material.Wood));

        var driven = new List<Driven>();
        var nextId = 0;
        var spread = 0.0;
        for (var s = 0; s < plan.Subjects.Length; s++)
        {
            var subject = plan.Subjects[s];
            var kind = WorldVocabulary.Subject(subject.Kind);
            var scale = WorldVocabulary.Sizes.FirstOrDefault(z => z.Name == subject.Size).Scale is var z && z > 0 ? z : 1;
            var size = kind.Size * scale;
            var action = Enum.TryParse<SceneAction>(subject.Action, true, out var a) ? a : kind.Action;
            for (var c = 0; c < subject.Count && driven.Count < MaxBodies; c++)
            {
                var lane = (driven.Count - (plan.Subjects.Sum(x => x.Count) - 1) / 2.0) * Math.Max(size * 1.6, 0.5);
                var body = Build(nextId++, kind, size, action, lane, c, random, waterLevel);
                world.Add(body);
                driven.Add(new Driven(body, kind, subject, s, size, WorldVocabulary.Colour(subject.Colour), SpeedFor(kind, action, size),
                    random.NextDouble() * Math.PI * 2));
                spread = Math.Max(spread, Math.Abs(lane) + size);
            }
            // A topple needs something to knock the stack over: a ball rolled at it.
            if (action == SceneAction.Topple)
            {
                var ball = new RigidBody(nextId++, BodyShape.Sphere, 2 * kind.Size * scale, radius: Math.Max(0.06, size * 0.25))
                {
                    Position = new Vec3(-3 * size - 1, Math.Max(0.06, size * 0.25), 0), Velocity = new Vec3(6, 0, 0), Restitution = 0.5,
                    Material = Material.Rubber,
                };
                world.Add(ball);
                driven.Add(new Driven(ball, WorldVocabulary.Subject("ball"), subject with { Kind = "ball", Action = "roll" }, s, ball.Radius * 2,
                    WorldVocabulary.Colour("red"), 0, 0));
            }
        }
        var diving = plan.Subjects.Any(s => s.Action == "dive" && WorldVocabulary.Subject(s.Kind).Form != Form.Fish) && setting.Water;
        AddScenery(world, setting, nextId, diving);

        var scenery = SceneryParts(setting, extent: Math.Max(1.2, spread), random, diving);
        var frames = new List<FrameState>();
        var frameCount = (int)Math.Round(seconds * fps);
        var main = driven.FirstOrDefault();
        // The framing follows the subjects' size: kittens are shot from closer than cars.
        var floor = waterLevel ?? 0;
        // The action's height: a drop is framed whole, from its start to the ground.
        var rise = driven.Count == 0 ? 1 : driven.Max(d => d.Body.Top - floor);
        var extent = Math.Max(0.6, Math.Max(Math.Max(spread, rise), driven.Count == 0 ? 2 : driven.Max(d => d.Scale)));
        var centre = driven.Count == 0 ? Vec3.Zero : driven.Aggregate(Vec3.Zero, (sum, d) => sum + d.Body.Position) / driven.Count;
        // A cameo is a person the viewer should recognise: a medium shot, the head in the upper middle of the frame.
        var framing = plan.Subjects.Any(s => s.Cameo is not null)
            ? new Framing(centre, floor + 1.55, Math.Min(extent, 0.7))
            : new Framing(centre, floor + Math.Max(0.3, Math.Min(rise, extent) * 0.5), extent);
        var smoothed = main?.Body.Position ?? centre;
        var spray = new Spray(setting, floor, Math.Clamp(extent * 0.02, 0.012, 0.08), random);
        var heard = 0;
        for (var f = 0; f < frameCount; f++)
        {
            var t = f / fps;
            while (world.Time + PhysicsWorld.Step / 2 < t)
            {
                foreach (var d in driven) Drive(d, world);
                world.StepOnce();
            }
            for (; heard < world.Impacts.Count; heard++) spray.Burst(world.Impacts[heard]);
            if (main is not null) smoothed = smoothed + (main.Body.Position - smoothed) * (f == 0 ? 1 : 0.15);
            var camera = CameraFor(plan.Camera, t, seconds, smoothed, framing);
            var parts = new List<Part>();
            foreach (var d in driven) Parts(d, t, parts);
            parts.AddRange(scenery);
            spray.Draw(t, parts);
            frames.Add(new FrameState(t, camera, parts, driven.Select(d => d.Body.Position).ToList()));
        }
        return new SimulatedScene(plan, setting, frames, world.Impacts.Where(i => i.Time < seconds).ToList());
    }

    /// <summary>
    /// Particles thrown up where a body strikes water, sand or snow: each flies ballistically from the impact (a
    /// splash's droplets, a puff of sand) for under a second, at most a few dozen at once.
    /// </summary>
    private sealed class Spray(SettingKind setting, double floor, double size, Random random)
    {
        private const int MaxAlive = 48;
        private const double Life = 0.8;
        private readonly List<(double Born, Vec3 From, Vec3 Velocity, Rgb Colour)> _particles = [];

        public void Burst(Impact impact)
        {
            var water = impact.BodyB == PhysicsWorld.WaterId;
            var loose = impact.BodyB == PhysicsWorld.GroundId && setting.Ground is Material.Sand or Material.Snow;
            if (!(water || loose) || impact.Speed < 1.2) return;
            var colour = water ? Rgb.Hex(0xdff3ff) : setting.Ground == Material.Snow ? Rgb.Hex(0xf7f9fc) : setting.GroundAccent;
            var strength = Math.Min(impact.Speed, 8) * (water ? 0.55 : 0.3);
            for (var i = 0; i < (water ? 14 : 8) && _particles.Count < MaxAlive; i++)
            {
                var angle = random.NextDouble() * Math.PI * 2;
                var spread = 0.3 + random.NextDouble() * 0.5;
                var velocity = new Vec3(Math.Cos(angle) * spread, 0.7 + random.NextDouble() * 0.6, Math.Sin(angle) * spread) * strength;
                _particles.Add((impact.Time, impact.Point with { Y = Math.Max(impact.Point.Y, floor) }, velocity, colour));
            }
        }

        public void Draw(double t, List<Part> parts)
        {
            _particles.RemoveAll(p => t - p.Born > Life);
            foreach (var (born, from, velocity, colour) in _particles)
            {
                var age = t - born;
                if (age < 0) continue;
                var at = from + velocity * age + new Vec3(0, -4.905 * age * age, 0);
                if (at.Y < floor) continue;
                parts.Add(new Part(-2, BodyShape.Sphere, at, at, size * (1 - age / Life * 0.5), default, Quat.Identity, colour, 0.4));
            }
        }
    }

    private static double SpeedFor(SubjectKind kind, SceneAction action, double size) => (kind.Form, action) switch
    {
        (Form.Vehicle, _) => 14 * Math.Sqrt(size / 4.2),
        (Form.Aircraft, _) => Math.Max(2, size * 1.5),
        (Form.Bird, _) => 3,
        (Form.Boat, _) => 2.5,
        (Form.Fish, _) => 1.5,
        (_, SceneAction.Run) => Math.Max(1.5, size * 2.2),
        (_, SceneAction.Walk) => Math.Max(0.5, size * 0.8),
        (Form.Board, _) => 3.5,
        _ => 0,
    };

    private static RigidBody Build(int id, SubjectKind kind, double size, SceneAction action, double lane, int index, Random random, double? waterLevel)
    {
        var jitter = (random.NextDouble() - 0.5) * size * 0.3;
        var floor = waterLevel ?? 0;
        RigidBody body;
        switch (kind.Form)
        {
            case Form.Ball or Form.Balloon:
                body = new RigidBody(id, BodyShape.Sphere, kind.Form == Form.Balloon ? 0.02 : Mass(kind.Material, size), radius: size / 2);
                body.Restitution = kind.Material switch { Material.Rubber => 0.82, Material.Plastic => 0.7, Material.Glass => 0.6, Material.Stone => 0.25, _ => 0.35 };
                body.RollingResistance = kind.Material == Material.Rubber ? 0.015 : 0.04;
                body.Floating = kind.Form == Form.Balloon;
                break;
            case Form.Block:
                body = new RigidBody(id, BodyShape.Box, Mass(kind.Material, size), halfExtents: new Vec3(size / 2, size / 2, size / 2)) { Restitution = 0.3 };
                break;
            case Form.Cylinder:
                body = new RigidBody(id, BodyShape.Capsule, Mass(kind.Material, size) * 0.5, radius: size * 0.18, halfLength: size * 0.32) { Restitution = 0.3 };
                break;
            case Form.Vehicle or Form.Boat or Form.Board:
                body = new RigidBody(id, BodyShape.Box, kind.Form == Form.Board ? 70 : 1200 * size / 4.2,
                    halfExtents: new Vec3(size / 2, size * (kind.Form == Form.Board ? 0.9 : 0.1), size * (kind.Form == Form.Board ? 0.14 : 0.22)))
                {
                    Restitution = 0.2, Friction = 0.3,
                };
                break;
            case Form.Aircraft or Form.Bird:
                body = new RigidBody(id, BodyShape.Capsule, 5, radius: size * 0.12, halfLength: size * 0.35) { Floating = true, Restitution = 0.3 };
                body.Orientation = Quat.AxisAngle(Vec3.UnitZ, -Math.PI / 2);
                break;
            case Form.Fish:
                body = new RigidBody(id, BodyShape.Capsule, 60 * size, radius: size * 0.16, halfLength: size * 0.3)
                {
                    Floating = true, Upright = true, Restitution = 0.2, BuoyancyRatio = 1.02,
                };
                body.Orientation = Quat.AxisAngle(Vec3.UnitZ, -Math.PI / 2);
                break;
            case Form.Quadruped:
                body = new RigidBody(id, BodyShape.Capsule, 400 * size * size, radius: size * 0.3, halfLength: size * 0.05) { Upright = true, Restitution = 0.1, Friction = 0.2 };
                break;
            default: // figures, snowmen, trees: upright capsules
                body = new RigidBody(id, BodyShape.Capsule, kind.Form == Form.Tree ? 0 : 70 * size / 1.75, radius: size * 0.14, halfLength: size * 0.36)
                {
                    Upright = true, Restitution = 0.05, Friction = 0.2,
                };
                break;
        }
        body.Material = kind.Material;
        // People and animals are about as dense as water: they float low, whatever their drawn size.
        if (kind.Form is Form.Biped or Form.Quadruped) body.BuoyancyRatio = 1.05;
        var rest = body.Shape switch
        {
            BodyShape.Sphere => body.Radius,
            BodyShape.Box => body.HalfExtents.Y,
            _ => kind.Form is Form.Aircraft or Form.Bird or Form.Fish ? body.Radius : body.HalfLength + body.Radius,
        };
        var x = lane + jitter;
        body.Position = new Vec3(x, floor + rest, index * 0.2);
        switch (action)
        {
            case SceneAction.Bounce or SceneAction.Fall:
                body.Position = body.Position with { Y = floor + rest + Math.Max(1.0, size * 4) * (0.8 + 0.4 * random.NextDouble()) };
                body.Velocity = new Vec3((random.NextDouble() - 0.5) * 0.6, 0, 0);
                break;
            case SceneAction.Roll:
                body.Velocity = new Vec3(1.5 + random.NextDouble() * 1.5, 0, 0);
                if (body.Shape == BodyShape.Capsule) body.Orientation = Quat.AxisAngle(Vec3.UnitX, Math.PI / 2);
                body.Position = body.Position with { X = x - 2.5, Y = floor + (body.Shape == BodyShape.Capsule ? body.Radius : rest) };
                break;
            case SceneAction.Throw:
                body.Position = body.Position with { X = x - 2, Y = floor + rest + 0.5 };
                body.Velocity = new Vec3(3 + random.NextDouble(), 4 + random.NextDouble() * 1.5, 0);
                body.AngularVelocity = new Vec3(random.NextDouble() * 6, random.NextDouble() * 6, random.NextDouble() * 6);
                break;
            case SceneAction.Stack or SceneAction.Topple:
                body.Position = new Vec3(0, floor + rest + index * size * 1.02, 0);
                break;
            case SceneAction.Collide:
                var side = index % 2 == 0 ? -1 : 1;
                body.Position = body.Position with { X = side * 3 * Math.Max(1, size), Z = 0 };
                body.Velocity = new Vec3(-side * Math.Max(2, SpeedFor(kind, SceneAction.Run, size)), body.Shape == BodyShape.Sphere ? 1.5 : 0, 0);
                break;
            case SceneAction.Dive when waterLevel is not null && kind.Form == Form.Fish:
                // A dolphin starts under the surface and leaps from it.
                body.Position = body.Position with { Y = floor - 0.6 };
                break;
            case SceneAction.Dive when waterLevel is not null:
                // On the edge (the pool's, or a pier at sea), 0.5 m above the water, facing it.
                body.Position = new Vec3(DiveEdge - 0.4, floor + 0.5 + rest, index * 0.3);
                break;
            case SceneAction.Fly:
                body.Position = body.Position with { Y = floor + Math.Max(1.5, size * 1.2) + index * 0.4, X = x - 3 };
                break;
            case SceneAction.Swim or SceneAction.Float when waterLevel is not null && kind.Form is Form.Fish or Form.Bird or Form.Biped:
                body.Position = body.Position with { Y = floor - (kind.Form == Form.Fish ? 0.4 : rest * 0.7) };
                break;
        }
        if (kind.Form == Form.Boat && waterLevel is not null) body.Position = body.Position with { Y = floor + size * 0.05 };
        return body;
    }

    private static double Mass(Material material, double size)
    {
        var density = material switch { Material.Stone => 2400, Material.Metal => 2000, Material.Wood => 600, Material.Rubber => 150, Material.Glass => 800, _ => 400 };
        return Math.Max(0.01, density * Math.PI / 6 * size * size * size);
    }

    /// <summary>Where the edge a diver stands on ends, over the water (x; the water is on the larger side).</summary>
    private const double DiveEdge = -3.2;

    /// <summary>The edge a diver pushes off: a static body, 0.5 m above the water, drawn by <see cref="SceneryParts"/>.</summary>
    private static void AddScenery(PhysicsWorld world, SettingKind setting, int nextId, bool diving)
    {
        if (setting.Scenery == Scenery.PoolEdge || diving)
            world.Add(new RigidBody(1000 + nextId, BodyShape.Box, 0, halfExtents: new Vec3(1.2, 1.5, 3)) { Position = new Vec3(DiveEdge - 1.2, -1.0, 0), Material = Material.Concrete });
    }

    /// <summary>
    /// What stands behind the subjects, drawn the same way (never the subject: its index is -1): trees, buildings,
    /// a room's walls, ramps, dunes, the pool's edge. Placed from the seed, the same in every frame.
    /// </summary>
    private static List<Part> SceneryParts(SettingKind setting, double extent, Random random, bool diving)
    {
        var parts = new List<Part>();
        var back = Math.Max(6, extent * 4);
        Part Box(Vec3 at, Vec3 he, Rgb colour) => new(-1, BodyShape.Box, at, at, 0, he, Quat.Identity, colour, 0.05);
        switch (setting.Scenery)
        {
            case Scenery.Trees:
                for (var i = 0; i < 7; i++)
                {
                    var x = (i - 3) * back * 0.55 + (random.NextDouble() - 0.5) * 2;
                    var z = back * 2 + random.NextDouble() * back;
                    var tall = 3 + random.NextDouble() * 3;
                    var crown = setting.Name == "snow field" ? Rgb.Hex(0x2f5d46) : Rgb.Hex(0x2d6a2e);
                    parts.Add(new Part(-1, BodyShape.Capsule, new Vec3(x, 0, z), new Vec3(x, tall * 0.5, z), 0.25, default, Quat.Identity, Rgb.Hex(0x5b3f2a)));
                    parts.Add(new Part(-1, BodyShape.Sphere, new Vec3(x, tall * 0.7, z), new Vec3(x, tall * 0.7, z), tall * 0.28, default, Quat.Identity, crown, 0.05));
                }
                break;
            case Scenery.Buildings:
                for (var i = 0; i < 6; i++)
                {
                    var height = 8 + random.NextDouble() * 14;
                    var grey = (byte)(110 + random.Next(80));
                    parts.Add(Box(new Vec3((i - 2.5) * 9, height / 2, back + 6), new Vec3(4, height / 2, 3), new Rgb(grey, grey, (byte)(grey + 10))));
                }
                break;
            case Scenery.Walls:
                parts.Add(Box(new Vec3(0, 3, 6.2), new Vec3(9, 3, 0.2), setting.Name == "gym" ? Rgb.Hex(0xd9d4c7) : Rgb.Hex(0xcfc3b0)));
                break;
            case Scenery.Ramps:
                parts.Add(Box(new Vec3(-6, 0.6, 4), new Vec3(2, 0.6, 2), Rgb.Hex(0x9a9d9f)));
                parts.Add(Box(new Vec3(6, 0.9, 5), new Vec3(2.5, 0.9, 2), Rgb.Hex(0x8c8f91)));
                break;
            case Scenery.Dunes:
                for (var i = 0; i < 4; i++)
                    parts.Add(new Part(-1, BodyShape.Sphere, new Vec3((i - 1.5) * 14, -6, back * 2), new Vec3((i - 1.5) * 14, -6, back * 2), 9, default,
                        Quat.Identity, Rgb.Hex(0xd09a50), 0));
                break;
            case Scenery.PoolEdge:
                parts.Add(Box(new Vec3(0, -1.0, 5), new Vec3(8, 1.1, 0.6), Rgb.Hex(0xe6e6e0)));
                break;
        }
        if (setting.Scenery == Scenery.PoolEdge || diving)
            parts.Add(Box(new Vec3(DiveEdge - 1.2, -1.0, 0), new Vec3(1.2, 1.5, 3), setting.Scenery == Scenery.PoolEdge ? Rgb.Hex(0xe6e6e0) : Rgb.Hex(0x8a6a4f)));
        return parts;
    }

    /// <summary>The controls of a driven body, applied before each step (muscles and engines: the step does the rest).</summary>
    private static void Drive(Driven d, PhysicsWorld world)
    {
        var b = d.Body;
        if (!b.Dynamic) return;
        var action = Enum.TryParse<SceneAction>(d.Subject.Action, true, out var a) ? a : d.Kind.Action;
        var onGround = b.Bottom - world.GroundHeight < 0.01 || (world.WaterLevel is not null && d.Kind.Form == Form.Boat);
        var t = world.Time;
        switch (d.Kind.Form)
        {
            case Form.Vehicle or Form.Board or Form.Boat when action is SceneAction.Drive or SceneAction.Jump or SceneAction.Float or SceneAction.Run:
                if (onGround) b.Velocity = b.Velocity with { X = d.Speed, Z = 0 };
                b.AngularVelocity = b.AngularVelocity with { Y = 0 };
                // An ollie: the rider pops the board on a beat, and gravity brings it down.
                if (d.Kind.Form == Form.Board && onGround && t > 0.6 && ((int)(t / 1.6) != (int)((t - PhysicsWorld.Step) / 1.6)))
                    b.Velocity = b.Velocity with { Y = 3.2 };
                break;
            case Form.Biped or Form.Quadruped:
                // Standing on something (the ground, the pool's edge): not rising or falling, and not in the water.
                var inWater = world.WaterLevel is { } surface && b.Bottom < surface;
                var standing = Math.Abs(b.Velocity.Y) < 0.05 && !inWater;
                if (action == SceneAction.Dive)
                {
                    // One push off the edge, up and out; the arc, the entry and the splash are the simulation's.
                    if (!d.Launched && standing && t > 0.6 && world.WaterLevel is not null)
                    {
                        d.Launched = true;
                        b.Velocity = new Vec3(2.2, 3.5, 0);
                    }
                    else if (inWater) b.Velocity = b.Velocity with { X = 0.6 };
                    break;
                }
                var speed = action switch { SceneAction.Run or SceneAction.Walk or SceneAction.Jump => d.Speed == 0 ? 1.2 : d.Speed, _ => 0 };
                if (inWater) b.Velocity = b.Velocity with { X = Math.Max(0.5, speed * 0.4) }; // swimming
                else if (standing) b.Velocity = b.Velocity with { X = speed };
                if (action == SceneAction.Jump && standing && Beat(t, 1.1, d.Phase))
                    b.Velocity = b.Velocity with { Y = Math.Sqrt(2 * 9.81 * Math.Max(0.3, d.Scale * 0.35)) };
                if (action == SceneAction.Spin) b.Velocity = b.Velocity with { X = 0 };
                break;
            case Form.Aircraft or Form.Bird:
                b.Velocity = new Vec3(d.Speed, 0.3 * Math.Cos(t * 1.7 + d.Phase), 0);
                break;
            case Form.Fish:
                // A dolphin's leap: from under the surface, a push up and forward; the arc and the splash are the simulation's.
                if (action == SceneAction.Dive && world.WaterLevel is { } level && b.Position.Y < level - 0.2 && b.Velocity.Y <= 0.1 && Beat(t, 1.8, d.Phase))
                {
                    b.Floating = false;
                    b.Velocity = new Vec3(d.Speed * 2, 6.5, 0);
                }
                else if (b.Position.Y < (world.WaterLevel ?? 0) - 0.3) b.Velocity = b.Velocity with { X = d.Speed };
                break;
        }
    }

    private static bool Beat(double t, double period, double phase) =>
        (int)((t + phase) / period) != (int)((t + phase - PhysicsWorld.Step) / period) && t > 0.3;

    /// <summary>Where the action starts, the height the camera aims at, and how big the action is.</summary>
    private sealed record Framing(Vec3 Start, double Aim, double Extent);

    /// <summary>
    /// The camera of one frame. Only "follow" moves with the subject (smoothed, and sideways only, so a bounce stays a
    /// bounce on screen); the others are set from where the action starts and move on their own path.
    /// </summary>
    private static CameraPose CameraFor(string camera, double t, double seconds, Vec3 subject, Framing framing)
    {
        var distance = Math.Max(1.6, framing.Extent * 2.4);
        var height = framing.Aim + Math.Max(0.2, framing.Extent * 0.25);
        var (x0, z0) = (framing.Start.X, framing.Start.Z);
        var aim = new Vec3(x0, framing.Aim, z0);
        var u = seconds > 0 ? t / seconds : 0;
        return camera switch
        {
            "follow" => new CameraPose(new Vec3(subject.X - distance * 0.35, height, z0 - distance), new Vec3(subject.X, framing.Aim, z0)),
            "pan" => new CameraPose(new Vec3(x0, height, z0 - distance), aim with { X = x0 - distance * 0.4 + u * distance * 0.8 }),
            "orbit" => new CameraPose(new Vec3(x0 + Math.Sin(u * Math.PI) * distance, height, z0 - Math.Cos(u * Math.PI) * distance), aim),
            "dolly" => new CameraPose(new Vec3(x0, height, z0 - distance * (1.3 - 0.6 * u)), aim),
            _ => new CameraPose(new Vec3(x0, height, z0 - distance), aim),
        };
    }

    /// <summary>A subject's parts at one frame: its body, plus limbs, wheels or wings posed from its motion.</summary>
    private static void Parts(Driven d, double t, List<Part> parts)
    {
        var b = d.Body;
        var (p, q, s, c, i) = (b.Position, b.Orientation, d.Scale, d.Colour, d.SubjectIndex);
        var dark = new Rgb((byte)(c.R * 0.35), (byte)(c.G * 0.35), (byte)(c.B * 0.35));
        var skin = Rgb.Hex(0xe0ac8a);
        var speed = Math.Abs(b.Velocity.X);
        var swing = Math.Sin(t * (2 + speed * 2.5) + d.Phase) * Math.Min(0.9, 0.25 + speed * 0.25);
        Part Sphere(Vec3 at, double r, Rgb colour, double gloss = 0.2, int? likeness = null) => new(i, BodyShape.Sphere, at, at, r, default, Quat.Identity, colour, gloss, likeness);
        Part Capsule(Vec3 a, Vec3 e, double r, Rgb colour) => new(i, BodyShape.Capsule, a, e, r, default, Quat.Identity, colour);
        Part Box(Vec3 at, Vec3 he, Quat o, Rgb colour, double gloss = 0.2) => new(i, BodyShape.Box, at, at, 0, he, o, colour, gloss);
        switch (d.Kind.Form)
        {
            case Form.Ball:
                parts.Add(Sphere(p, b.Radius, c, 0.5));
                break;
            case Form.Balloon:
                parts.Add(Sphere(p, b.Radius, c, 0.7));
                parts.Add(Capsule(p - new Vec3(0, b.Radius, 0), p - new Vec3(0, b.Radius * 3.5, 0), 0.008, Rgb.Hex(0xdddddd)));
                break;
            case Form.Block:
                parts.Add(Box(p, b.HalfExtents, q, c));
                break;
            case Form.Cylinder or Form.Fish:
                var (a0, a1) = b.Segment;
                parts.Add(Capsule(a0, a1, b.Radius, c));
                if (d.Kind.Form == Form.Fish)
                {
                    var tail = a0 - (a1 - a0).Normalized * b.Radius;
                    parts.Add(Box(tail, new Vec3(b.Radius * 0.3, b.Radius * 0.9, b.Radius * 0.15), Quat.AxisAngle(Vec3.UnitY, swing * 0.5), dark));
                }
                break;
            case Form.Vehicle:
                var he = b.HalfExtents;
                parts.Add(Box(p, he, q, c, 0.6));
                parts.Add(Box(p + q.Rotate(new Vec3(-he.X * 0.15, he.Y * 1.7, 0)), new Vec3(he.X * 0.45, he.Y * 0.75, he.Z * 0.9), q, Rgb.Hex(0x2b3440), 0.8));
                foreach (var (wx, wz) in new[] { (0.65, 1.0), (-0.65, 1.0), (0.65, -1.0), (-0.65, -1.0) })
                    parts.Add(Sphere(p + q.Rotate(new Vec3(he.X * wx, -he.Y * 0.6, he.Z * wz)), he.Y * 0.85, Rgb.Hex(0x151515)));
                break;
            case Form.Board:
                var bh = b.HalfExtents;
                // The board under the rider: the body box is the rider's space; the deck sits at its bottom.
                var deck = p - new Vec3(0, bh.Y * 0.95, 0);
                parts.Add(Box(deck, new Vec3(bh.X, bh.X * 0.06, bh.Z), q, c));
                Figure(parts, i, deck + new Vec3(0, 0.04, 0), bh.Y * 2 * 0.95, Rgb.Hex(0x3a6ea5), skin, swing * 0.3, null);
                break;
            case Form.Boat:
                var bb = b.HalfExtents;
                var bob = Math.Sin(t * 1.6 + d.Phase) * 0.08 * s;
                parts.Add(Box(p + new Vec3(0, bob, 0), bb, q * Quat.AxisAngle(Vec3.UnitX, Math.Sin(t * 1.3) * 0.05), c));
                parts.Add(Box(p + new Vec3(-bb.X * 0.2, bb.Y * 2.2 + bob, 0), new Vec3(bb.X * 0.3, bb.Y * 1.2, bb.Z * 0.7), q, Rgb.Hex(0xe8e8e8)));
                break;
            case Form.Aircraft or Form.Bird:
                var (n0, n1) = b.Segment;
                parts.Add(Capsule(n0, n1, b.Radius, c));
                var flap = d.Kind.Form == Form.Bird ? Math.Sin(t * 12 + d.Phase) * 0.6 : 0;
                var span = b.HalfLength * (d.Kind.Form == Form.Bird ? 1.3 : 1.6);
                parts.Add(Box(p, new Vec3(b.Radius * 1.2, b.Radius * 0.15, span), Quat.AxisAngle(Vec3.UnitX, flap), d.Kind.Form == Form.Bird ? c : Rgb.Hex(0xb0b8c0)));
                break;
            case Form.Quadruped:
                var len = s * 0.45;
                var height = p.Y - b.HalfLength - b.Radius;
                var hip = new Vec3(p.X, height + s * 0.45, p.Z);
                parts.Add(Capsule(hip - new Vec3(len, 0, 0), hip + new Vec3(len, 0, 0), s * 0.17, c));
                parts.Add(Sphere(hip + new Vec3(len * 1.35, s * 0.16, 0), s * 0.14, c));
                parts.Add(Capsule(hip - new Vec3(len, 0, 0), hip - new Vec3(len * 1.6, -s * 0.2, 0), s * 0.04, dark));
                foreach (var (lx, lz, ph) in new[] { (0.8, 0.12, 0.0), (0.8, -0.12, Math.PI), (-0.8, 0.12, Math.PI), (-0.8, -0.12, 0.0) })
                {
                    var top = hip + new Vec3(len * lx, 0, s * lz);
                    var kick = Math.Sin(t * (3 + speed * 3) + d.Phase + ph) * Math.Min(0.5, 0.1 + speed * 0.15);
                    parts.Add(Capsule(top, top + new Vec3(Math.Sin(kick) * s * 0.42, -Math.Cos(kick) * s * 0.42, 0), s * 0.05, dark));
                }
                break;
            case Form.Snowman:
                var r0 = s * 0.22;
                parts.Add(Sphere(new Vec3(p.X, r0, p.Z), r0, Rgb.Hex(0xf4f6fa)));
                parts.Add(Sphere(new Vec3(p.X, r0 * 2.6, p.Z), r0 * 0.72, Rgb.Hex(0xf4f6fa)));
                parts.Add(Sphere(new Vec3(p.X, r0 * 3.75, p.Z), r0 * 0.5, Rgb.Hex(0xf4f6fa)));
                parts.Add(Capsule(new Vec3(p.X, r0 * 3.75, p.Z - r0 * 0.5), new Vec3(p.X, r0 * 3.75, p.Z - r0 * 0.9), r0 * 0.08, Rgb.Hex(0xf77f00)));
                break;
            case Form.Tree:
                parts.Add(Capsule(new Vec3(p.X, 0, p.Z), new Vec3(p.X, s * 0.5, p.Z), s * 0.06, Rgb.Hex(0x6b4a2f)));
                parts.Add(Sphere(new Vec3(p.X, s * 0.7, p.Z), s * 0.3, c));
                break;
            default:
                var feet = p.Y - b.HalfLength - b.Radius;
                var spin = d.Subject.Action == "spin" ? Quat.AxisAngle(Vec3.UnitY, t * 5) : Quat.Identity;
                Figure(parts, i, new Vec3(p.X, feet, p.Z), s, c, skin, swing, d.Subject.Cameo, spin);
                break;
        }
    }

    /// <summary>A person: torso, head (the cameo's face when it is one), arms and legs swinging with the gait.</summary>
    private static void Figure(List<Part> parts, int subject, Vec3 feet, double height, Rgb clothes, Rgb skin, double swing, int? likeness,
        Quat? turn = null)
    {
        var o = turn ?? Quat.Identity;
        Vec3 At(double x, double y, double z) => feet + o.Rotate(new Vec3(x, y, z) * height);
        var hip = At(0, 0.5, 0);
        var neck = At(0, 0.8, 0);
        parts.Add(new Part(subject, BodyShape.Capsule, hip, neck, height * 0.1, default, Quat.Identity, clothes));
        // A cameo's head is drawn larger, as a bobblehead's: it carries the face the viewer should recognise.
        var head = likeness is null ? 0.075 : 0.15;
        parts.Add(new Part(subject, BodyShape.Sphere, At(0, 0.8 + head, 0), At(0, 0.8 + head, 0), height * head, default, Quat.Identity, skin, 0.1, likeness));
        foreach (var side in new[] { -1.0, 1.0 })
        {
            var leg = swing * side;
            parts.Add(new Part(subject, BodyShape.Capsule, At(0, 0.48, side * 0.06), At(Math.Sin(leg) * 0.45, 0.48 - Math.Cos(leg) * 0.45, side * 0.07),
                height * 0.045, default, Quat.Identity, Rgb.Hex(0x2f3542)));
            parts.Add(new Part(subject, BodyShape.Capsule, At(0, 0.78, side * 0.14), At(-Math.Sin(leg) * 0.33, 0.78 - Math.Cos(leg) * 0.33, side * 0.17),
                height * 0.035, default, Quat.Identity, clothes));
        }
    }
}
