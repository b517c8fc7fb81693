namespace Sora.Render.Models.World;

/// <summary>A part as the renderer draws it: its primitive row (see <see cref="WorldRenderer"/>), its colour, and where a likeness goes.</summary>
public sealed record ProjectedPart(float[] Values, float R, float G, float B, int? Likeness, float ScreenX, float ScreenY, float ScreenRadius);

/// <summary>
/// Projects a frame's 3D parts into the renderer's screen-space primitives (perspective, nearest first by depth), with
/// each round part stretched along its motion since the previous frame (a half-open shutter's blur) and its shadow's
/// footprint on the ground cast along the light.
/// </summary>
public static class Projection
{
    // Padding: far off the screen, behind everything, with no shadow.
    public static readonly ProjectedPart Empty = new([1e4f, 1e4f, 1, 0, 0, 0, 0, 1e6f, 1e4f, 1e4f, 1e-3f, 0, 0, 0, 0, 0], 0, 0, 0, null, 1e4f, 1e4f, 0);

    /// <summary>At most this many primitives per frame (the nearest): the renderer's work is frames × pixels × primitives.</summary>
    public const int MaxPrimitives = 64;

    /// <summary>A point in the camera's frame: right, up and depth.</summary>
    private static (double X, double Y, double Z) InCamera(CameraPose camera, Vec3 p)
    {
        var (right, up, forward) = SceneLook.Basis(camera);
        var d = p - camera.Eye;
        return (d.Dot(right), d.Dot(up), d.Dot(forward));
    }

    /// <summary>Where a point falls on the screen (x in ±aspect, y in ±1), or null behind the camera.</summary>
    private static (double X, double Y)? OnScreen(CameraPose camera, Vec3 p)
    {
        var c = InCamera(camera, p);
        var tan = Math.Tan(camera.FovDegrees * Math.PI / 360);
        return c.Z < 0.05 ? null : (c.X / (c.Z * tan), c.Y / (c.Z * tan));
    }

    public static List<ProjectedPart> Project(FrameState state, FrameState? previous, SceneLook look, float aspect, float pixelSize)
    {
        var tan = Math.Tan(state.Camera.FovDegrees * Math.PI / 360);
        (double X, double Y, double Z) Camera(Vec3 p) => InCamera(state.Camera, p);
        (double X, double Y)? Screen(Vec3 p) => OnScreen(state.Camera, p);

        var output = new List<ProjectedPart>(state.Parts.Count);
        for (var i = 0; i < state.Parts.Count; i++)
        {
            var part = state.Parts[i];
            var centre = Camera(part.Centre);
            if (centre.Z < 0.05) continue;
            double sx, sy, ux = 1, uy = 0, hx = 0, hy = 0, r;
            switch (part.Shape)
            {
                case BodyShape.Sphere:
                    (sx, sy) = Screen(part.A)!.Value;
                    r = part.Radius / (centre.Z * tan);
                    break;
                case BodyShape.Capsule:
                    if (Screen(part.A) is not { } a || Screen(part.B) is not { } b) continue;
                    (sx, sy) = ((a.X + b.X) / 2, (a.Y + b.Y) / 2);
                    var (vx, vy) = (b.X - a.X, b.Y - a.Y);
                    var length = Math.Sqrt(vx * vx + vy * vy);
                    if (length > 1e-9) (ux, uy) = (vx / length, vy / length);
                    hx = length / 2;
                    r = part.Radius / (centre.Z * tan);
                    break;
                default:
                    var corners = new List<(double X, double Y)>(8);
                    for (var k = 0; k < 8; k++)
                    {
                        var local = new Vec3((k & 1) == 0 ? -part.HalfExtents.X : part.HalfExtents.X, (k & 2) == 0 ? -part.HalfExtents.Y : part.HalfExtents.Y,
                            (k & 4) == 0 ? -part.HalfExtents.Z : part.HalfExtents.Z);
                        if (Screen(part.A + part.Orientation.Rotate(local)) is { } s) corners.Add(s);
                    }
                    if (corners.Count < 8) continue;
                    // The rectangle along the box's own long axis as it appears on screen.
                    if (Screen(part.A) is { } c0 && Screen(part.A + part.Orientation.Rotate(Vec3.UnitX * part.HalfExtents.X)) is { } c1)
                    {
                        var (ax, ay) = (c1.X - c0.X, c1.Y - c0.Y);
                        var l = Math.Sqrt(ax * ax + ay * ay);
                        if (l > 1e-6) (ux, uy) = (ax / l, ay / l);
                    }
                    var along = corners.Select(p => p.X * ux + p.Y * uy).ToList();
                    var across = corners.Select(p => -p.X * uy + p.Y * ux).ToList();
                    var (midA, midB) = ((along.Max() + along.Min()) / 2, (across.Max() + across.Min()) / 2);
                    (sx, sy) = (midA * ux - midB * uy, midA * uy + midB * ux);
                    hx = (along.Max() - along.Min()) / 2;
                    hy = (across.Max() - across.Min()) / 2;
                    r = Math.Min(hx, hy) * 0.12;
                    (hx, hy) = (Math.Max(0, hx - r), Math.Max(0, hy - r));
                    break;
            }

            // Motion blur: a round part moving more than a pixel and a half is drawn over half its path.
            // Scenery stands still and particles come and go, so only subjects' parts are matched frame to frame; each
            // frame's position is seen through its own camera, so a part the camera follows is not smeared.
            if (part.Shape != BodyShape.Box && part.Subject >= 0 && previous is not null && i < previous.Parts.Count && previous.Parts[i].Subject == part.Subject &&
                OnScreen(previous.Camera, previous.Parts[i].Centre) is { } before && Screen(part.Centre) is { } now)
            {
                var (mx, my) = (now.X - before.X, now.Y - before.Y);
                var moved = Math.Sqrt(mx * mx + my * my);
                if (moved > pixelSize * 1.5)
                {
                    if (part.Shape == BodyShape.Sphere) (ux, uy, hx) = (mx / moved, my / moved, moved * 0.25);
                    else hx += Math.Abs(mx * ux + my * uy) * 0.25;
                }
            }

            // The shadow's footprint: the part's centre cast along the light onto the ground.
            var p3 = part.Centre;
            var height = Math.Max(0, p3.Y);
            var light = look.Light.Y > 0.08 ? look.Light : new Vec3(look.Light.X, 0.08, look.Light.Z);
            var foot = p3 - light * (height / light.Y);
            var spread = part.Shape switch
            {
                BodyShape.Sphere => part.Radius,
                BodyShape.Capsule => part.Radius + (part.B - part.A).Length * 0.35,
                _ => Math.Max(part.HalfExtents.X, part.HalfExtents.Z),
            };
            var strength = look.ShadowStrength / (1 + height * 0.4);
            float[] values =
            [
                (float)sx, (float)sy, (float)ux, (float)uy, (float)hx, (float)hy, (float)r,
                (float)(centre.Z + i * 1e-4), (float)foot.X, (float)foot.Z, (float)Math.Max(0.02, spread * (1.15 + height * 0.15)), (float)strength,
                (float)part.Gloss, 0, 0, 0,
            ];
            // Off the screen (with its blur), it draws nothing; its shadow may still fall in view, so only parts far off go.
            var reach = Math.Max(hx, hy) + r + spread / Math.Max(0.05, centre.Z * tan) * 2;
            if (Math.Abs(sx) - reach > aspect || Math.Abs(sy) - reach > 1) continue;
            output.Add(new ProjectedPart(values, part.Colour.R / 255f, part.Colour.G / 255f, part.Colour.B / 255f, part.Likeness, (float)sx, (float)sy, (float)r));
        }
        // The nearest first when there are too many (a crowd's far members are the ones dropped).
        return output.Count <= MaxPrimitives ? output : output.OrderBy(p => p.Values[7]).Take(MaxPrimitives).ToList();
    }
}
