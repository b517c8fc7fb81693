namespace Sora.Render.Models.World;

/// <summary>
/// A 3-vector in doubles. The simulation uses its own type, not System.Numerics: doubles keep the closed-form checks
/// tight, and plain scalar arithmetic (no hardware-dependent SIMD or fused multiply-add) gives the same bits for the
/// same seed run after run. Across platforms, sines and exponentials come from each one's maths library and may
/// differ in the last bit; the renderer's pixels may differ between the CPU and CUDA providers in the same way.
/// </summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static readonly Vec3 Zero = new(0, 0, 0);
    public static readonly Vec3 UnitX = new(1, 0, 0);
    public static readonly Vec3 UnitY = new(0, 1, 0);
    public static readonly Vec3 UnitZ = new(0, 0, 1);

    // Explicit: the generated one would print the computed vector properties, recursively.
    public override string ToString() => $"({X:0.####}, {Y:0.####}, {Z:0.####})";

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);
    public static Vec3 operator *(Vec3 a, double s) => new(a.X * s, a.Y * s, a.Z * s);
    public static Vec3 operator *(double s, Vec3 a) => a * s;
    public static Vec3 operator /(Vec3 a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    public double Dot(Vec3 b) => X * b.X + Y * b.Y + Z * b.Z;
    public Vec3 Cross(Vec3 b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);
    public Vec3 Scale(Vec3 b) => new(X * b.X, Y * b.Y, Z * b.Z);
    public double Length => Math.Sqrt(X * X + Y * Y + Z * Z);
    public double LengthSquared => X * X + Y * Y + Z * Z;
    public Vec3 Normalized => Length is var l && l > 1e-12 ? this / l : Zero;

    /// <summary>Any unit vector perpendicular to this one (a contact's first friction direction).</summary>
    public Vec3 Perpendicular => Math.Abs(X) < 0.9 ? Cross(UnitX).Normalized : Cross(UnitY).Normalized;
}

/// <summary>A unit quaternion: a body's orientation.</summary>
public readonly record struct Quat(double W, double X, double Y, double Z)
{
    public static readonly Quat Identity = new(1, 0, 0, 0);

    public override string ToString() => $"({W:0.####}; {X:0.####}, {Y:0.####}, {Z:0.####})";

    public static Quat operator *(Quat a, Quat b) => new(
        a.W * b.W - a.X * b.X - a.Y * b.Y - a.Z * b.Z,
        a.W * b.X + a.X * b.W + a.Y * b.Z - a.Z * b.Y,
        a.W * b.Y - a.X * b.Z + a.Y * b.W + a.Z * b.X,
        a.W * b.Z + a.X * b.Y - a.Y * b.X + a.Z * b.W);

    public static Quat AxisAngle(Vec3 axis, double angle)
    {
        var n = axis.Normalized;
        var s = Math.Sin(angle / 2);
        return new Quat(Math.Cos(angle / 2), n.X * s, n.Y * s, n.Z * s);
    }

    public Quat Normalized
    {
        get
        {
            var l = Math.Sqrt(W * W + X * X + Y * Y + Z * Z);
            return l > 1e-12 ? new Quat(W / l, X / l, Y / l, Z / l) : Identity;
        }
    }

    public Quat Conjugate => new(W, -X, -Y, -Z);

    public Vec3 Rotate(Vec3 v)
    {
        var u = new Vec3(X, Y, Z);
        var t = 2 * u.Cross(v);
        return v + W * t + u.Cross(t);
    }

    /// <summary>The orientation after spinning at <paramref name="omega"/> (world frame, rad/s) for <paramref name="dt"/>.</summary>
    public Quat Integrate(Vec3 omega, double dt)
    {
        var angle = omega.Length * dt;
        return angle < 1e-12 ? this : (AxisAngle(omega, angle) * this).Normalized;
    }
}
