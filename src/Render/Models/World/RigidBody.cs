namespace Sora.Render.Models.World;

public enum BodyShape
{
    Sphere,
    Box,
    /// <summary>A segment along the body's local Y axis, swept by <see cref="RigidBody.Radius"/>.</summary>
    Capsule,
}

/// <summary>What a surface is made of: it sets the contact's bounce and grip here, and the impact's timbre in the sound.</summary>
public enum Material
{
    Rubber,
    Plastic,
    Wood,
    Metal,
    Stone,
    Concrete,
    Glass,
    Flesh,
    Fur,
    Fabric,
    Sand,
    Snow,
    Grass,
    Water,
    Ice,
    Carpet,
}

/// <summary>
/// One body of the simulation. Mass 0 makes it static (tables, walls, ramps). <see cref="Upright"/> bodies (figures)
/// never tip: their orientation is set by whoever drives them, and contacts act on their centre only.
/// <see cref="Kinematic"/> bodies move at their set velocity and push others without being pushed (a car driven along
/// a road).
/// </summary>
public sealed class RigidBody
{
    public RigidBody(int id, BodyShape shape, double mass, double radius = 0, Vec3 halfExtents = default, double halfLength = 0)
    {
        Id = id;
        Shape = shape;
        Radius = radius;
        HalfExtents = halfExtents;
        HalfLength = halfLength;
        Mass = mass;
        InverseMass = mass > 0 ? 1 / mass : 0;
        var inertia = shape switch
        {
            BodyShape.Sphere => new Vec3(1, 1, 1) * (0.4 * mass * radius * radius),
            BodyShape.Box => new Vec3(
                mass / 3 * (halfExtents.Y * halfExtents.Y + halfExtents.Z * halfExtents.Z),
                mass / 3 * (halfExtents.X * halfExtents.X + halfExtents.Z * halfExtents.Z),
                mass / 3 * (halfExtents.X * halfExtents.X + halfExtents.Y * halfExtents.Y)),
            // A cylinder of the capsule's whole length: close enough for a figure or a log, and never zero.
            _ => new Vec3(
                mass / 12 * (3 * radius * radius + 4 * (halfLength + radius) * (halfLength + radius)),
                0.5 * mass * radius * radius,
                mass / 12 * (3 * radius * radius + 4 * (halfLength + radius) * (halfLength + radius))),
        };
        InverseInertia = mass > 0 ? new Vec3(1 / inertia.X, 1 / inertia.Y, 1 / inertia.Z) : Vec3.Zero;
    }

    public int Id { get; }
    public BodyShape Shape { get; }
    public double Radius { get; }
    public Vec3 HalfExtents { get; }
    public double HalfLength { get; }
    public double Mass { get; }
    public double InverseMass { get; }
    /// <summary>Diagonal of the inverse inertia tensor in the body's own frame.</summary>
    public Vec3 InverseInertia { get; }

    public Vec3 Position { get; set; }
    public Vec3 Velocity { get; set; }
    public Vec3 AngularVelocity { get; set; }
    public Quat Orientation { get; set; } = Quat.Identity;

    public double Restitution { get; set; } = 0.5;
    public double Friction { get; set; } = 0.6;
    /// <summary>Deceleration of a rolling body, as a fraction of g (0.01 is a ball on a hard floor, 0.1 on grass).</summary>
    public double RollingResistance { get; set; } = 0.02;
    public Material Material { get; set; } = Material.Plastic;
    public bool Upright { get; set; }
    public bool Kinematic { get; set; }
    /// <summary>Ignores gravity (a flying bird, a drone): it still collides.</summary>
    public bool Floating { get; set; }
    /// <summary>
    /// Water's density over the body's, when its shape is not its volume (a figure's capsule holds far more than a
    /// person, who is nearly as dense as water); null: from the mass and the shape.
    /// </summary>
    public double? BuoyancyRatio { get; set; }
    public bool IsStatic => InverseMass == 0 && !Kinematic;

    /// <summary>Whether the solver may change this body's velocity.</summary>
    public bool Dynamic => InverseMass > 0 && !Kinematic;

    /// <summary>The capsule's axis end points (a sphere's are both its centre).</summary>
    public (Vec3 A, Vec3 B) Segment
    {
        get
        {
            if (Shape != BodyShape.Capsule) return (Position, Position);
            var axis = Orientation.Rotate(Vec3.UnitY) * HalfLength;
            return (Position - axis, Position + axis);
        }
    }

    /// <summary>The box's corners in world space.</summary>
    public IEnumerable<Vec3> Corners()
    {
        for (var i = 0; i < 8; i++)
        {
            var local = new Vec3((i & 1) == 0 ? -HalfExtents.X : HalfExtents.X, (i & 2) == 0 ? -HalfExtents.Y : HalfExtents.Y,
                (i & 4) == 0 ? -HalfExtents.Z : HalfExtents.Z);
            yield return Position + Orientation.Rotate(local);
        }
    }

    /// <summary>The lowest height any part of the body reaches.</summary>
    public double Bottom => Shape switch
    {
        BodyShape.Sphere => Position.Y - Radius,
        BodyShape.Capsule => Math.Min(Segment.A.Y, Segment.B.Y) - Radius,
        _ => Corners().Min(c => c.Y),
    };

    public double Top => Shape switch
    {
        BodyShape.Sphere => Position.Y + Radius,
        BodyShape.Capsule => Math.Max(Segment.A.Y, Segment.B.Y) + Radius,
        _ => Corners().Max(c => c.Y),
    };

    /// <summary>A radius that holds the whole body (broad phase).</summary>
    public double BoundingRadius => Shape switch
    {
        BodyShape.Sphere => Radius,
        BodyShape.Capsule => HalfLength + Radius,
        _ => HalfExtents.Length,
    };

    /// <summary>The world-frame inverse inertia applied to <paramref name="v"/> (R · I⁻¹ · Rᵀ · v).</summary>
    public Vec3 ApplyInverseInertia(Vec3 v)
    {
        if (!Dynamic || Upright) return Vec3.Zero;
        var local = Orientation.Conjugate.Rotate(v);
        return Orientation.Rotate(local.Scale(InverseInertia));
    }

    public Vec3 VelocityAt(Vec3 point) => Velocity + AngularVelocity.Cross(point - Position);

    public void ApplyImpulse(Vec3 impulse, Vec3 point)
    {
        if (!Dynamic) return;
        Velocity += impulse * InverseMass;
        AngularVelocity += ApplyInverseInertia((point - Position).Cross(impulse));
    }
}
