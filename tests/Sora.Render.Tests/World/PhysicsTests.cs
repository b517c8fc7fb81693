using Sora.Render.Models.World;
using Xunit;

namespace Sora.Render.Tests.World;

/// <summary>The simulation against closed-form mechanics: pure, no media, no model.</summary>
public sealed class PhysicsTests
{
    private const double G = 9.81;

    private static RigidBody Ball(int id, Vec3 at, double radius = 0.1, double mass = 0.5, double restitution = 0.8) =>
        new(id, BodyShape.Sphere, mass, radius) { Position = at, Restitution = restitution, Material = Material.Rubber };

    [Fact]
    public void A_dropped_ball_accelerates_at_g()
    {
        var world = new PhysicsWorld();
        var ball = world.Add(Ball(1, new Vec3(0, 20, 0)));
        var heights = new List<double>();
        for (var i = 0; i < 240; i++)
        {
            heights.Add(ball.Position.Y);
            world.StepOnce();
        }

        // Second differences of the sampled heights are the acceleration, and the whole path is the parabola.
        for (var i = 1; i < heights.Count - 1; i++)
            Assert.Equal(-G, (heights[i + 1] - 2 * heights[i] + heights[i - 1]) / (PhysicsWorld.Step * PhysicsWorld.Step), 6);
        Assert.Equal(20 - 0.5 * G * 1.0 * 1.0, ball.Position.Y, 9);
        Assert.Empty(world.Impacts);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(0.6)]
    public void Each_bounce_apex_is_the_restitution_squared_of_the_one_before(double e)
    {
        var world = new PhysicsWorld();
        var ball = world.Add(Ball(1, new Vec3(0, 1.1, 0), restitution: e));
        var apexes = new List<double>();
        var (rising, top) = (false, 0.0);
        while (world.Time < 4)
        {
            world.StepOnce();
            if (ball.Velocity.Y > 0) (rising, top) = (true, Math.Max(top, ball.Bottom));
            else if (rising)
            {
                apexes.Add(top);
                (rising, top) = (false, 0);
            }
        }

        Assert.True(apexes.Count >= 3, $"only {apexes.Count} bounces");
        // The first apex against the drop height, then each against the one before: e² each time (a step's sampling
        // of the apex costs at most g·h²/8 of height).
        var previous = 1.0;
        foreach (var apex in apexes.Take(4))
        {
            Assert.InRange(apex / previous, e * e * 0.99, e * e * 1.01);
            previous = apex;
        }
        // Each impact is heard at the moment of the bounce, with the speed of free fall from the height before it.
        var first = world.Impacts[0];
        Assert.Equal(PhysicsWorld.GroundId, first.BodyB);
        Assert.Equal(Math.Sqrt(2 / G), first.Time, 3);
        Assert.Equal(Math.Sqrt(2 * G), first.Speed, 3);
    }

    [Fact]
    public void A_ball_rolling_off_a_table_lands_on_the_parabola()
    {
        var world = new PhysicsWorld();
        world.Add(new RigidBody(2, BodyShape.Box, 0, halfExtents: new Vec3(1, 0.4, 1)) { Position = new Vec3(0, 0.4, 0), Material = Material.Wood });
        var ball = world.Add(Ball(1, new Vec3(-0.8, 0.9, 0), restitution: 0.3));
        ball.Velocity = new Vec3(2, 0, 0);

        // Friction spins a sliding ball up until it rolls: v = ω r.
        world.AdvanceTo(0.4);
        Assert.Equal(ball.Velocity.X, -ball.AngularVelocity.Z * ball.Radius, 2);
        Assert.InRange(ball.Position.Y, 0.899, 0.901);

        while (ball.Position.X < 1) world.StepOnce();
        var (x0, y0, vx) = (ball.Position.X, ball.Position.Y, ball.Velocity.X);
        var fall = Math.Sqrt(2 * (y0 - ball.Radius) / G);
        while (world.Impacts.All(i => i.BodyB != PhysicsWorld.GroundId)) world.StepOnce();

        var landing = world.Impacts.First(i => i.BodyB == PhysicsWorld.GroundId);
        Assert.Equal(x0 + vx * fall, landing.Point.X, 1);
        Assert.InRange(Math.Abs(landing.Point.X - (x0 + vx * fall)), 0, 0.03);
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(1.0, 3.0)]
    [InlineData(2.5, 0.5)]
    public void Colliding_bodies_exchange_momentum(double m1, double m2)
    {
        var world = new PhysicsWorld { Gravity = Vec3.Zero };
        var a = world.Add(Ball(1, new Vec3(-1, 1, 0), mass: m1, restitution: 1));
        var b = world.Add(Ball(2, new Vec3(1, 1, 0), mass: m2, restitution: 1));
        (a.Velocity, b.Velocity) = (new Vec3(3, 0, 0), new Vec3(-1, 0, 0));
        var before = a.Velocity * m1 + b.Velocity * m2;

        world.AdvanceTo(1.5);

        // An elastic head-on collision, in closed form.
        Assert.Equal(((m1 - m2) * 3 + 2 * m2 * -1) / (m1 + m2), a.Velocity.X, 6);
        Assert.Equal(((m2 - m1) * -1 + 2 * m1 * 3) / (m1 + m2), b.Velocity.X, 6);
        var after = a.Velocity * m1 + b.Velocity * m2;
        Assert.Equal(before.X, after.X, 9);
        Assert.Equal(0, after.Y, 9);
        Assert.Single(world.Impacts);
    }

    [Fact]
    public void Nothing_passes_through_the_ground()
    {
        var world = new PhysicsWorld { Ground = Surface.For(Material.Sand) };
        var random = new Random(7);
        for (var i = 0; i < 12; i++)
        {
            var at = new Vec3(random.NextDouble() * 4 - 2, 0.5 + random.NextDouble() * 6, random.NextDouble() * 4 - 2);
            var body = (i % 3) switch
            {
                0 => new RigidBody(i, BodyShape.Sphere, 1, radius: 0.05 + random.NextDouble() * 0.3),
                1 => new RigidBody(i, BodyShape.Box, 2, halfExtents: new Vec3(0.2, 0.1 + random.NextDouble() * 0.3, 0.25)),
                _ => new RigidBody(i, BodyShape.Capsule, 1.5, radius: 0.1, halfLength: 0.3),
            };
            body.Position = at;
            body.Orientation = Quat.AxisAngle(new Vec3(random.NextDouble(), random.NextDouble(), random.NextDouble()), random.NextDouble() * 3);
            // Fast enough to cross a body's size within one step.
            body.Velocity = new Vec3(random.NextDouble() * 2 - 1, -40 * random.NextDouble(), random.NextDouble() * 2 - 1);
            body.AngularVelocity = new Vec3(random.NextDouble() * 10, 0, random.NextDouble() * 10);
            world.Add(body);
        }

        while (world.Time < 3)
        {
            world.StepOnce();
            foreach (var body in world.Bodies) Assert.True(body.Bottom >= -1e-9, $"body {body.Id} at {body.Bottom:0.0000} below the ground at {world.Time:0.000} s");
        }
        // And they settle: nothing is still bouncing after three seconds.
        Assert.All(world.Bodies, b => Assert.InRange(Math.Abs(b.Velocity.Y), 0, 0.5));
    }

    [Fact]
    public void A_dropped_box_comes_to_rest_on_a_face()
    {
        var world = new PhysicsWorld();
        var box = world.Add(new RigidBody(1, BodyShape.Box, 3, halfExtents: new Vec3(0.3, 0.2, 0.25))
        {
            Position = new Vec3(0, 2, 0), Orientation = Quat.AxisAngle(new Vec3(1, 0.3, 0.2), 0.7), Restitution = 0.3,
        });
        world.AdvanceTo(4);

        var height = box.Top - box.Bottom;
        Assert.Contains(new[] { 0.6, 0.4, 0.5 }, h => Math.Abs(h - height) < 0.02);
        Assert.InRange(box.Bottom, -1e-9, 0.005);
        Assert.InRange(box.Velocity.Length, 0, 0.05);
    }

    [Fact]
    public void The_same_bodies_give_the_same_trajectories_bit_for_bit()
    {
        static List<Vec3> Run()
        {
            var world = new PhysicsWorld();
            var random = new Random(42);
            for (var i = 0; i < 6; i++)
                world.Add(new RigidBody(i, i % 2 == 0 ? BodyShape.Sphere : BodyShape.Box, 1, radius: 0.2, halfExtents: new Vec3(0.2, 0.2, 0.2))
                {
                    Position = new Vec3(random.NextDouble(), 1 + i * 0.5, random.NextDouble()),
                    Velocity = new Vec3(random.NextDouble() - 0.5, 0, random.NextDouble() - 0.5),
                });
            var path = new List<Vec3>();
            while (world.Time < 2)
            {
                world.StepOnce();
                path.AddRange(world.Bodies.Select(b => b.Position));
            }
            return path;
        }

        Assert.Equal(Run(), Run());
    }
}
