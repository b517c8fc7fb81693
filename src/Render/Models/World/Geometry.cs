namespace Sora.Render.Models.World;

/// <summary>Closest-point queries for the collision tests (segments for spheres and capsules, boxes).</summary>
public static class Geometry
{
    public static Vec3 ClosestOnSegment((Vec3 A, Vec3 B) s, Vec3 p)
    {
        var d = s.B - s.A;
        var l = d.LengthSquared;
        if (l < 1e-12) return s.A;
        return s.A + d * Math.Clamp((p - s.A).Dot(d) / l, 0, 1);
    }

    /// <summary>The closest points between two segments (either may be a point).</summary>
    public static (Vec3 OnFirst, Vec3 OnSecond) ClosestPoints((Vec3 A, Vec3 B) s1, (Vec3 A, Vec3 B) s2)
    {
        var d1 = s1.B - s1.A;
        var d2 = s2.B - s2.A;
        var r = s1.A - s2.A;
        var (a, e, f) = (d1.LengthSquared, d2.LengthSquared, d2.Dot(r));
        double s, t;
        if (a < 1e-12 && e < 1e-12) return (s1.A, s2.A);
        if (a < 1e-12)
        {
            s = 0;
            t = Math.Clamp(f / e, 0, 1);
        }
        else
        {
            var c = d1.Dot(r);
            if (e < 1e-12)
            {
                t = 0;
                s = Math.Clamp(-c / a, 0, 1);
            }
            else
            {
                var b = d1.Dot(d2);
                var denom = a * e - b * b;
                s = denom > 1e-12 ? Math.Clamp((b * f - c * e) / denom, 0, 1) : 0;
                t = (b * s + f) / e;
                if (t < 0)
                {
                    t = 0;
                    s = Math.Clamp(-c / a, 0, 1);
                }
                else if (t > 1)
                {
                    t = 1;
                    s = Math.Clamp((b - c) / a, 0, 1);
                }
            }
        }
        return (s1.A + d1 * s, s2.A + d2 * t);
    }

    /// <summary>
    /// The point of the box's surface nearest <paramref name="p"/>, the outward normal there, and the signed distance
    /// from the surface (negative inside, where the nearest face gives the normal).
    /// </summary>
    public static (Vec3 Point, Vec3 Normal, double Distance) BoxSurface(RigidBody box, Vec3 p)
    {
        var local = box.Orientation.Conjugate.Rotate(p - box.Position);
        var he = box.HalfExtents;
        var clamped = new Vec3(Math.Clamp(local.X, -he.X, he.X), Math.Clamp(local.Y, -he.Y, he.Y), Math.Clamp(local.Z, -he.Z, he.Z));
        if (clamped != local)
        {
            var outside = local - clamped;
            var distance = outside.Length;
            return (box.Position + box.Orientation.Rotate(clamped), box.Orientation.Rotate(outside / distance), distance);
        }
        // Inside: out through the nearest face.
        var (axis, depth) = NearestFace(local, he);
        var surface = local;
        surface = axis switch
        {
            0 => surface with { X = Math.Sign(local.X >= 0 ? 1 : -1) * he.X },
            1 => surface with { Y = Math.Sign(local.Y >= 0 ? 1 : -1) * he.Y },
            _ => surface with { Z = Math.Sign(local.Z >= 0 ? 1 : -1) * he.Z },
        };
        var n = axis switch { 0 => Vec3.UnitX, 1 => Vec3.UnitY, _ => Vec3.UnitZ } * ((axis switch { 0 => local.X, 1 => local.Y, _ => local.Z }) >= 0 ? 1 : -1);
        return (box.Position + box.Orientation.Rotate(surface), box.Orientation.Rotate(n), -depth);
    }

    /// <summary>Whether <paramref name="p"/> is inside the box (within <paramref name="margin"/>): the way out, and how deep.</summary>
    public static (Vec3 Normal, double Depth)? InsideBox(RigidBody box, Vec3 p, double margin)
    {
        var local = box.Orientation.Conjugate.Rotate(p - box.Position);
        var he = box.HalfExtents + new Vec3(margin, margin, margin);
        if (Math.Abs(local.X) > he.X || Math.Abs(local.Y) > he.Y || Math.Abs(local.Z) > he.Z) return null;
        var (axis, depth) = NearestFace(local, box.HalfExtents);
        var n = axis switch { 0 => Vec3.UnitX, 1 => Vec3.UnitY, _ => Vec3.UnitZ } * ((axis switch { 0 => local.X, 1 => local.Y, _ => local.Z }) >= 0 ? 1 : -1);
        return (box.Orientation.Rotate(n), depth);
    }

    private static (int Axis, double Depth) NearestFace(Vec3 local, Vec3 he)
    {
        var dx = he.X - Math.Abs(local.X);
        var dy = he.Y - Math.Abs(local.Y);
        var dz = he.Z - Math.Abs(local.Z);
        return dx <= dy && dx <= dz ? (0, dx) : dy <= dz ? (1, dy) : (2, dz);
    }
}
