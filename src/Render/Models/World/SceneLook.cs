using Sora.Domain.Generations;

namespace Sora.Render.Models.World;

/// <summary>
/// How a plan looks: sky and sun by time of day and weather, the ground's material and pattern by setting, fog, and
/// the falling weather. Written per frame into the renderer's frame row (with that frame's camera).
/// </summary>
public sealed record SceneLook(double[] Zenith, double[] Horizon, double[] Ground, double[] Accent, Vec3 Light, double SunStrength, double[] SunColour,
    double Ambient, double Fog, double Pattern, double WaterSpeed, double RoadHalfWidth, double[] Verge, bool Lanes, double WeatherDensity,
    double WeatherSpeed, double Streak, bool Water, double ShadowStrength)
{
    public static SceneLook For(ScenePlan plan, SettingKind setting)
    {
        double[] V(double r, double g, double b) => [r, g, b];
        double[] C(Rgb c) => [c.R / 255.0, c.G / 255.0, c.B / 255.0];
        // Indoors the lights are on whatever the hour, and no weather falls.
        var indoors = setting.Scenery == Scenery.Walls;
        var (zenith, horizon, light, sun, sunColour, ambient) = (indoors ? "day" : plan.TimeOfDay) switch
        {
            "sunset" => (V(0.22, 0.26, 0.52), V(1.0, 0.56, 0.3), new Vec3(0.25, 0.22, 1).Normalized, 1.2, V(1, 0.62, 0.32), 0.38),
            "night" => (V(0.01, 0.02, 0.07), V(0.05, 0.08, 0.17), new Vec3(-0.3, 0.5, 1).Normalized, 0.35, V(0.75, 0.8, 1), 0.22),
            _ => (V(0.22, 0.47, 0.88), V(0.72, 0.84, 0.96), new Vec3(-0.35, 0.85, 0.4).Normalized, 1.0, V(1, 0.96, 0.86), 0.45),
        };
        // Clear air only fades the far ground into the horizon; fog is the weather's.
        var (fog, density, speed, streak, shadow) = (0.004, 0.0, 0.0, 1.0, 0.8);
        if (indoors) light = new Vec3(0.1, 1, -0.35).Normalized;
        switch (indoors ? "sun" : plan.Weather)
        {
            case "fog":
                (zenith, horizon, fog, sun, shadow) = (V(0.66, 0.68, 0.71), V(0.75, 0.77, 0.8), 0.22, 0.15, 0.25);
                break;
            case "rain":
                (zenith, horizon, density, speed, streak, sun, shadow, fog) = (V(0.36, 0.4, 0.46), V(0.55, 0.58, 0.62), 0.14, 2.2, 5, 0.05, 0.2, 0.05);
                break;
            case "snow":
                (zenith, horizon, density, speed, streak, sun, shadow, fog) = (V(0.7, 0.74, 0.8), V(0.86, 0.88, 0.92), 0.07, 0.25, 1, 0.1, 0.3, 0.05);
                break;
        }
        var ground = C(setting.GroundColour);
        var accent = C(setting.GroundAccent);
        var tint = (indoors ? "day" : plan.TimeOfDay) switch { "night" => V(0.25, 0.27, 0.38), "sunset" => V(1.0, 0.8, 0.68), _ => V(1, 1, 1) };
        for (var i = 0; i < 3; i++)
        {
            ground[i] *= tint[i];
            accent[i] *= tint[i];
        }
        var pattern = setting.Ground switch
        {
            Material.Sand => 0.9, Material.Snow => 0.5, Material.Grass => 2.2, Material.Water => 1.1, Material.Wood => 3.0, Material.Carpet => 4.5, _ => 1.6,
        };
        var road = setting.Name switch { "road" => 3.5, "city street" => 5.0, _ => 1e4 };
        var verge = setting.Name == "city street" ? V(0.58, 0.58, 0.6) : C(Rgb.Hex(0x5a8a3a));
        for (var i = 0; i < 3; i++) verge[i] *= tint[i];
        return new SceneLook(zenith, horizon, ground, accent, light, sun, sunColour, ambient, fog, pattern, setting.Water ? 1.4 : 0, road, verge,
            setting.Name == "road", density, speed, streak, setting.Water, shadow);
    }

    /// <summary>The camera's basis: right, up and forward (the renderer's camera looks along +z).</summary>
    public static (Vec3 Right, Vec3 Up, Vec3 Forward) Basis(CameraPose camera)
    {
        var forward = (camera.Target - camera.Eye).Normalized;
        if (forward.LengthSquared < 1e-9) forward = Vec3.UnitZ;
        var right = Vec3.UnitY.Cross(forward).Normalized;
        if (right.LengthSquared < 1e-9) right = Vec3.UnitX;
        return (right, forward.Cross(right), forward);
    }

    public void Write(Span<float> row, FrameState state, float pixelSize)
    {
        var (right, up, forward) = Basis(state.Camera);
        float[] values =
        [
            (float)right.X, (float)up.X, (float)forward.X, (float)right.Y, (float)up.Y, (float)forward.Y, (float)right.Z, (float)up.Z, (float)forward.Z,
            (float)state.Camera.Eye.X, (float)state.Camera.Eye.Y, (float)state.Camera.Eye.Z,
            (float)Math.Tan(state.Camera.FovDegrees * Math.PI / 360), pixelSize, (float)state.Time,
        ];
        values.CopyTo(row);
        double[] rest =
        [
            ..Zenith, ..Horizon, ..Ground, ..Accent, Light.X, Light.Y, Light.Z,
            SunStrength, Ambient, Fog, Pattern, WaterSpeed, RoadHalfWidth, ..Verge, Lanes ? 1 : 0, WeatherDensity, WeatherSpeed, Streak,
            // The light in camera space, for shading the parts.
            Light.Dot(right), Light.Dot(up), Light.Dot(forward), ..SunColour, Water ? 1 : 0,
        ];
        for (var i = 0; i < rest.Length; i++) row[15 + i] = (float)rest[i];
    }
}
