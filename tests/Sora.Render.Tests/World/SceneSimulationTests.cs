using Sora.Domain.Generations;
using Sora.Render.Models.World;
using Xunit;

namespace Sora.Render.Tests.World;

/// <summary>Plans simulated: the physical actions come out of the physics (pure: no model, no media).</summary>
public sealed class SceneSimulationTests
{
    private static SimulatedScene Run(string setting, ScenePlanSubject subject, string camera = "static", double seconds = 5) =>
        SceneSimulation.Run(new ScenePlan(setting, "day", "sun", camera, [subject], []), 3, seconds, 24);

    [Fact]
    public void A_stack_struck_by_a_ball_topples()
    {
        var scene = Run("room", new ScenePlanSubject("cube", "blue", "normal", 4, "topple"));
        var start = scene.Frames[0].Bodies.Take(4).Max(b => b.Y);
        var end = scene.Frames[^1].Bodies.Take(4).Max(b => b.Y);
        Assert.True(end < start - 0.3, $"the top of the stack went from {start:0.00} m to {end:0.00} m");
        // The ball (the body after the four cubes) struck the stack: heard as a body-on-body impact.
        Assert.Contains(scene.Impacts, i => (i.BodyA == 4 && i.BodyB is >= 0 and < 4) || (i.BodyB == 4 && i.BodyA is >= 0 and < 4));
    }

    [Fact]
    public void A_diver_enters_the_water_with_a_splash()
    {
        var scene = Run("pool", new ScenePlanSubject("diver", "blue", "normal", 1, "dive"));
        // The first entry (a floating body may bob out and back in later).
        var splash = scene.Impacts.First(i => i.BodyB == PhysicsWorld.WaterId);
        Assert.Equal(Material.Water, splash.B);
        Assert.True(splash.Speed > 2, $"entered at {splash.Speed:0.0} m/s");
        // A dive, not a drop: the diver stood on the edge, then pushed off up and out over the water.
        var start = scene.Frames[0].Bodies[0];
        Assert.InRange(scene.Frames[10].Bodies[0].Y - start.Y, -0.01, 0.01);
        Assert.True(scene.Frames.Take((int)(splash.Time * 24)).Max(f => f.Bodies[0].Y) > start.Y + 0.3, "rises off the edge");
        Assert.True(splash.Point.X > start.X + 0.5, "enters the water out from the edge");
        // Before the splash the diver was above the water; after it, in it.
        var at = (int)(splash.Time * 24);
        Assert.True(scene.Frames[Math.Max(0, at - 3)].Bodies[0].Y > scene.Frames[Math.Min(scene.Frames.Count - 1, at + 12)].Bodies[0].Y);
    }

    [Fact]
    public void Splashes_and_sand_are_thrown_up_where_bodies_strike_them()
    {
        var dive = Run("pool", new ScenePlanSubject("diver", "blue", "normal", 1, "dive"));
        var splash = dive.Impacts.First(i => i.BodyB == PhysicsWorld.WaterId);
        var after = dive.Frames[(int)(splash.Time * 24) + 4];
        var droplets = after.Parts.Where(p => p.Subject == -2).ToList();
        Assert.True(droplets.Count >= 8, $"{droplets.Count} droplets");
        Assert.All(droplets, d => Assert.True(d.A.Y >= 0 && (d.A - splash.Point).Length < 3));
        Assert.DoesNotContain(dive.Frames[Math.Max(0, (int)(splash.Time * 24) - 2)].Parts, p => p.Subject == -2);

        var beach = Run("beach", new ScenePlanSubject("ball", "red", "normal", 1, "bounce"));
        Assert.Contains(beach.Frames, f => f.Parts.Count(p => p.Subject == -2) > 0);
        // On a hard floor nothing is thrown up.
        var gym = Run("gym", new ScenePlanSubject("ball", "red", "normal", 1, "bounce"));
        Assert.All(gym.Frames, f => Assert.DoesNotContain(f.Parts, p => p.Subject == -2));
    }

    [Fact]
    public void A_dolphin_leaps_out_of_the_sea_and_falls_back_in()
    {
        var scene = Run("sea", new ScenePlanSubject("dolphin", "grey", "normal", 1, "dive"));
        Assert.True(scene.Frames[0].Bodies[0].Y < 0, "it starts under the surface");
        Assert.InRange(scene.Frames.Max(f => f.Bodies[0].Y), 0.5, 4);  // clear of the water, and back: not off into the sky
        Assert.Contains(scene.Impacts, i => i.BodyB == PhysicsWorld.WaterId);
    }

    [Fact]
    public void A_car_drives_along_the_road_on_its_wheels()
    {
        var scene = Run("road", new ScenePlanSubject("car", "red", "normal", 1, "drive"), "follow");
        var first = scene.Frames[12].Bodies[0];
        var last = scene.Frames[^1].Bodies[0];
        var speed = (last.X - first.X) / (scene.Frames[^1].Time - scene.Frames[12].Time);
        Assert.InRange(speed, 10, 18);
        Assert.All(scene.Frames.Skip(12), f => Assert.InRange(f.Bodies[0].Z, -0.05, 0.05));
        // The follow camera keeps it in view: the camera's target tracks the car.
        Assert.InRange(Math.Abs(scene.Frames[^1].Camera.Target.X - last.X), 0, 4);
    }

    [Fact]
    public void A_jumping_cat_leaves_the_ground_and_comes_back_ballistically()
    {
        var scene = Run("park", new ScenePlanSubject("cat", "orange", "normal", 1, "jump"));
        var heights = scene.Frames.Select(f => f.Bodies[0].Y).ToArray();
        var ground = heights[0];
        Assert.True(heights.Max() > ground + 0.05, "it jumps");
        Assert.True(heights[^12..].Min() < ground + 0.02, "and lands");
        // In the air it follows a parabola: constant second differences of -g (sampled at 24 fps).
        var airborne = Enumerable.Range(1, heights.Length - 2).Where(i => heights[i - 1] > ground + 0.02 && heights[i] > ground + 0.02 && heights[i + 1] > ground + 0.02).ToList();
        Assert.NotEmpty(airborne);
        foreach (var i in airborne) Assert.Equal(-9.81, (heights[i + 1] - 2 * heights[i] + heights[i - 1]) * 24 * 24, 0);
    }

    [Fact]
    public void A_balloon_floats_and_a_bird_flies_without_falling()
    {
        var balloon = Run("park", new ScenePlanSubject("balloon", "red", "normal", 1, "float"));
        Assert.True(balloon.Frames[^1].Bodies[0].Y >= balloon.Frames[0].Bodies[0].Y - 0.01);
        var bird = Run("sky", new ScenePlanSubject("bird", "white", "normal", 1, "fly"), "pan");
        Assert.All(bird.Frames, f => Assert.True(f.Bodies[0].Y > 0.5));
        Assert.True(bird.Frames[^1].Bodies[0].X > bird.Frames[0].Bodies[0].X + 5);
    }
}
