namespace Sora.Render.Models.World;

/// <summary>
/// A collision heard in the sound and seen in the particles: when, who (<see cref="BodyB"/> is
/// <see cref="PhysicsWorld.GroundId"/>, <see cref="PhysicsWorld.WallId"/> or <see cref="PhysicsWorld.WaterId"/> for the
/// scenery), where, how hard (the normal impulse, N·s, and the closing speed) and what met what.
/// </summary>
public sealed record Impact(double Time, int BodyA, int BodyB, Vec3 Point, double Impulse, double Speed, Material A, Material B);

/// <summary>A static plane the bodies stay in front of: n · x ≥ offset.</summary>
public sealed record Wall(Vec3 Normal, double Offset, Material Material);

/// <summary>How a surface under the bodies behaves: multipliers on a body's own bounce and rolling, and its grip.</summary>
public sealed record Surface(Material Material, double Bounce, double Friction, double Rolling)
{
    public static Surface For(Material material) => material switch
    {
        Material.Sand => new(material, 0.5, 0.9, 12),
        Material.Snow => new(material, 0.35, 0.35, 8),
        Material.Grass => new(material, 0.7, 0.7, 4),
        Material.Ice => new(material, 0.9, 0.04, 0.3),
        Material.Carpet => new(material, 0.5, 0.9, 6),
        Material.Wood => new(material, 0.95, 0.55, 1),
        Material.Water => new(material, 0.1, 0.2, 10),
        _ => new(material, 1, 0.8, 1),
    };
}

/// <summary>
/// A small deterministic rigid-body simulation at a fixed step of 1/240 s: spheres, boxes and capsules under gravity,
/// with restitution, Coulomb friction (so balls spin up and roll), rolling resistance, water (buoyancy, drag and the
/// splash of entering it), a ground plane, walls, and collisions between bodies. No physics library is served here,
/// so it is kept small and checked against closed-form results (tests/Sora.Render.Tests/World/PhysicsTests.cs).
/// <list type="bullet">
/// <item>A body with no contact in a step flies ballistically and exactly (the position update is exact under constant
/// gravity), and the moment it reaches the ground is solved for, not found a step late: a drop accelerates at g and each
/// bounce apex is e² of the one before.</item>
/// <item>Bodies in contact go through sequential impulses (normal with restitution, then friction, iterated) and a
/// position correction that pushes out any overlap, so nothing rests inside the ground.</item>
/// <item>Bodies and pairs are visited in a fixed order and all arithmetic is scalar doubles: the same bodies give the
/// same trajectories, bit for bit.</item>
/// </list>
/// </summary>
public sealed class PhysicsWorld
{
    public const double Step = 1.0 / 240;
    public const int GroundId = -1;
    public const int WallId = -2;
    public const int WaterId = -3;
    private const int Iterations = 12;
    private const double Margin = 0.002;
    /// <summary>Below this closing speed (m/s) a contact does not bounce: it settles.</summary>
    private const double RestSpeed = 0.3;
    private const double WaterDensity = 1000;

    private readonly List<RigidBody> _bodies = [];
    private readonly List<Wall> _walls = [];
    private readonly List<Impact> _impacts = [];

    public Vec3 Gravity { get; init; } = new(0, -9.81, 0);
    public double GroundHeight { get; init; }
    public Surface Ground { get; init; } = Surface.For(Material.Concrete);
    /// <summary>Water up to this height (sea, pool), above the ground; null when there is none.</summary>
    public double? WaterLevel { get; init; }

    public double Time { get; private set; }
    public IReadOnlyList<RigidBody> Bodies => _bodies;
    public IReadOnlyList<Impact> Impacts => _impacts;

    public RigidBody Add(RigidBody body)
    {
        if (_bodies.Any(b => b.Id == body.Id)) throw new ArgumentException($"Body {body.Id} is already in the world.");
        _bodies.Add(body);
        return body;
    }

    public void AddWall(Wall wall) => _walls.Add(wall with { Normal = wall.Normal.Normalized });

    /// <summary>Runs whole steps until the clock reaches <paramref name="time"/> (within half a step).</summary>
    public void AdvanceTo(double time)
    {
        while (Time + Step / 2 < time) StepOnce();
    }

    public void StepOnce()
    {
        const double h = Step;
        var contacts = Collide();
        var touching = new HashSet<int>();
        foreach (var c in contacts)
        {
            touching.Add(c.A.Id);
            if (c.B is not null) touching.Add(c.B.Id);
        }

        // Forces for the bodies in contact (the free ones integrate theirs exactly below).
        foreach (var b in _bodies)
            if (b.Dynamic && touching.Contains(b.Id))
                b.Velocity += Acceleration(b) * h;
        Solve(contacts, h);

        foreach (var b in _bodies)
        {
            if (b.IsStatic) continue;
            if (b.Dynamic && !touching.Contains(b.Id)) Fly(b, h);
            else b.Position += b.Velocity * h;
            if (!b.Upright) b.Orientation = b.Orientation.Integrate(b.AngularVelocity, h);
            Drag(b, h);
        }
        Correct(contacts);
        Roll(contacts, h);
        Time += h;
    }

    private Vec3 Acceleration(RigidBody b)
    {
        // A floating body holds its height by itself (a bird, a fish keeping its depth): neither weight nor buoyancy.
        if (b.Floating) return Vec3.Zero;
        var a = Gravity;
        if (WaterLevel is { } level && Submerged(b, level) is var f && f > 0)
            a -= Gravity * (f * (b.BuoyancyRatio ?? WaterDensity / Density(b))); // buoyancy: the weight of the water displaced
        return a;
    }

    /// <summary>How much of the body is under water, 0..1, from its extent.</summary>
    private static double Submerged(RigidBody b, double level) => Math.Clamp((level - b.Bottom) / Math.Max(1e-6, b.Top - b.Bottom), 0, 1);

    private static double Density(RigidBody b)
    {
        var volume = b.Shape switch
        {
            BodyShape.Sphere => 4.0 / 3 * Math.PI * b.Radius * b.Radius * b.Radius,
            BodyShape.Box => 8 * b.HalfExtents.X * b.HalfExtents.Y * b.HalfExtents.Z,
            _ => Math.PI * b.Radius * b.Radius * (2 * b.HalfLength + 4.0 / 3 * b.Radius),
        };
        return b.Mass / Math.Max(1e-9, volume);
    }

    private void Drag(RigidBody b, double h)
    {
        if (!b.Dynamic || WaterLevel is not { } level) return;
        var f = Submerged(b, level);
        if (f <= 0) return;
        var keep = Math.Exp(-3.0 * f * h);
        b.Velocity *= keep;
        b.AngularVelocity *= keep;
    }

    /// <summary>
    /// A step of free flight, exact under constant acceleration. If the body reaches the ground (or, falling, the
    /// water's surface) during the step, it flies to that instant, meets it, and flies the rest of the step.
    /// </summary>
    private void Fly(RigidBody b, double h)
    {
        var remaining = h;
        for (var hit = 0; hit < 2 && remaining > 1e-12; hit++)
        {
            var a = Acceleration(b);
            var bottom = b.Bottom - GroundHeight;
            var tau = b.Shape == BodyShape.Box ? null : FirstRoot(bottom, b.Velocity.Y, a.Y, remaining);
            double? surface = null;
            if (WaterLevel is { } level && b.Bottom > level && b.Velocity.Y < 0 && FirstRoot(b.Bottom - level, b.Velocity.Y, a.Y, remaining) is { } t &&
                (tau is null || t < tau)) surface = t;
            var until = surface ?? tau ?? remaining;
            b.Position += b.Velocity * until + a * (0.5 * until * until);
            b.Velocity += a * until;
            remaining -= until;
            if (surface is not null)
            {
                var speed = -b.Velocity.Y;
                if (speed > 0.5)
                    _impacts.Add(new Impact(Time + h - remaining, b.Id, WaterId, b.Position with { Y = WaterLevel!.Value }, b.Mass * speed, speed, b.Material, Material.Water));
                continue;
            }
            if (tau is null) break;
            BounceOffGround(b, h - remaining);
        }
    }

    /// <summary>The first t in (0, limit] where y0 + v t + a t²/2 = 0, for a body coming down onto it.</summary>
    private static double? FirstRoot(double y0, double v, double a, double limit)
    {
        if (y0 < 0) return null; // already through: the contact path handles it
        double? best = null;
        if (Math.Abs(a) < 1e-12)
        {
            if (v < 0) best = -y0 / v;
        }
        else
        {
            var disc = v * v - 2 * a * y0;
            if (disc < 0) return null;
            var sq = Math.Sqrt(disc);
            foreach (var t in new[] { (-v - sq) / a, (-v + sq) / a })
                if (t > 1e-12 && (best is null || t < best)) best = t;
        }
        return best is { } r && r <= limit && v + a * r < 0 ? r : null;
    }

    /// <summary>The moment a falling sphere or capsule meets the ground: restitution on the normal, friction on the slip.</summary>
    private void BounceOffGround(RigidBody b, double at)
    {
        var n = Vec3.UnitY;
        var (a, c) = b.Segment;
        var point = (a.Y <= c.Y ? a : c) - n * b.Radius;
        var r = point - b.Position;
        var vn = b.VelocityAt(point).Dot(n);
        if (vn >= 0) return;
        var e = -vn > RestSpeed ? b.Restitution * Ground.Bounce : 0;
        var jn = -(1 + e) * vn / NormalMass(b, null, r, Vec3.Zero, n);
        b.ApplyImpulse(n * jn, point);
        Friction(b, null, point, r, Vec3.Zero, n, Vec3.Zero, Math.Sqrt(b.Friction * Ground.Friction) * jn);
        if (-vn > RestSpeed) _impacts.Add(new Impact(Time + at, b.Id, GroundId, point, jn, -vn, b.Material, Ground.Material));
        // Exactly on the ground, never below it.
        b.Position = b.Position with { Y = b.Position.Y + (GroundHeight - b.Bottom) };
    }

    private sealed class Contact(RigidBody a, RigidBody? b, Vec3 point, Vec3 normal, double gap, double restitution, double friction, int sceneryId, Material scenery)
    {
        public RigidBody A { get; } = a;
        public RigidBody? B { get; } = b;
        public Vec3 Point { get; } = point;
        /// <summary>From B (or the scenery) towards A.</summary>
        public Vec3 Normal { get; } = normal;
        /// <summary>Distance between the surfaces; negative when they overlap.</summary>
        public double Gap { get; } = gap;
        public double Restitution { get; } = restitution;
        public double FrictionCoefficient { get; } = friction;
        public int SceneryId { get; } = sceneryId;
        public Material Scenery { get; } = scenery;
        public double TargetSpeed { get; set; }
        public double NormalImpulse { get; set; }
        public Vec3 FrictionImpulse { get; set; }
        public double ClosingSpeed { get; set; }
        public Vec3 RA => Point - A.Position;
        public Vec3 RB => B is null ? Vec3.Zero : Point - B.Position;
    }

    private List<Contact> Collide()
    {
        var contacts = new List<Contact>();
        var groundSurface = Ground;
        foreach (var a in _bodies)
        {
            if (!a.Dynamic) continue;
            Planes(a, Vec3.UnitY, GroundHeight, groundSurface.Material, GroundId, a.Restitution * groundSurface.Bounce,
                Math.Sqrt(a.Friction * groundSurface.Friction), contacts);
            foreach (var w in _walls)
                Planes(a, w.Normal, w.Offset, w.Material, WallId, a.Restitution * Surface.For(w.Material).Bounce,
                    Math.Sqrt(a.Friction * Surface.For(w.Material).Friction), contacts);
        }
        for (var i = 0; i < _bodies.Count; i++)
        for (var j = i + 1; j < _bodies.Count; j++)
        {
            var (a, b) = (_bodies[i], _bodies[j]);
            if (!a.Dynamic && !b.Dynamic) continue;
            var reach = a.BoundingRadius + b.BoundingRadius + Margin + (a.Velocity - b.Velocity).Length * Step;
            if ((a.Position - b.Position).LengthSquared > reach * reach) continue;
            // The dynamic one is A, so scenery contacts always push the moving body.
            if (!a.Dynamic) (a, b) = (b, a);
            Pair(a, b, contacts);
        }
        return contacts;
    }

    private static void Planes(RigidBody a, Vec3 n, double offset, Material material, int id, double e, double mu, List<Contact> contacts)
    {
        IEnumerable<(Vec3 Point, double Gap)> points = a.Shape switch
        {
            BodyShape.Box => a.Corners().Select(p => (p, n.Dot(p) - offset)),
            _ => new[] { a.Segment.A, a.Segment.B }.Distinct().Select(p => (p - n * a.Radius, n.Dot(p) - offset - a.Radius)),
        };
        // Upright figures stand on their centre line: one contact, under the lower end.
        if (a.Upright) points = points.OrderBy(p => p.Gap).Take(1);
        // A round body above the ground meets it in free flight (Fly solves the instant), so only a body touching it
        // and not leaving is in contact with it: one resting, pressing or overlapping.
        var flies = id == GroundId && a.Shape != BodyShape.Box;
        foreach (var (point, gap) in points)
            if (flies ? gap < 0 || (gap < 1e-9 && a.Velocity.Y <= 1e-9) : gap < Margin)
                contacts.Add(new Contact(a, null, point, n, gap, e, mu, id, material));
    }

    private static void Pair(RigidBody a, RigidBody b, List<Contact> contacts)
    {
        var e = Math.Sqrt(a.Restitution * b.Restitution);
        var mu = Math.Sqrt(a.Friction * b.Friction);
        var margin = Margin + (a.Velocity - b.Velocity).Length * Step;
        void Add(Vec3 point, Vec3 normal, double gap)
        {
            if (gap < margin) contacts.Add(new Contact(a, b, point, normal, gap, e, mu, 0, b.Material));
        }

        if (a.Shape != BodyShape.Box && b.Shape != BodyShape.Box)
        {
            var (pa, pb) = Geometry.ClosestPoints(a.Segment, b.Segment);
            var d = pa - pb;
            var dist = d.Length;
            var n = dist > 1e-9 ? d / dist : Vec3.UnitY;
            Add(pb + n * b.Radius, n, dist - a.Radius - b.Radius);
            return;
        }
        if (a.Shape == BodyShape.Box && b.Shape == BodyShape.Box)
        {
            foreach (var p in a.Corners())
                if (Geometry.InsideBox(b, p, margin) is { } hit) Add(p, hit.Normal, -hit.Depth);
            foreach (var p in b.Corners())
                if (Geometry.InsideBox(a, p, margin) is { } hit) Add(p, -hit.Normal, -hit.Depth);
            return;
        }
        // A box and a round body: the round one's nearest point to the box, as a sphere.
        var (box, round, sign) = a.Shape == BodyShape.Box ? (a, b, -1.0) : (b, a, 1.0);
        var centre = Geometry.ClosestOnSegment(round.Segment, box.Position);
        var (surface, outward, depth) = Geometry.BoxSurface(box, centre);
        var normal = outward * sign; // from B towards A
        Add(surface, normal, depth - round.Radius);
    }

    private static double NormalMass(RigidBody a, RigidBody? b, Vec3 ra, Vec3 rb, Vec3 n)
    {
        var k = (a.Dynamic ? a.InverseMass : 0) + n.Dot(a.ApplyInverseInertia(ra.Cross(n)).Cross(ra));
        if (b is not null) k += (b.Dynamic ? b.InverseMass : 0) + n.Dot(b.ApplyInverseInertia(rb.Cross(n)).Cross(rb));
        return Math.Max(k, 1e-12);
    }

    private static Vec3 Relative(Contact c) => c.A.VelocityAt(c.Point) - (c.B?.VelocityAt(c.Point) ?? Vec3.Zero);

    private void Solve(List<Contact> contacts, double h)
    {
        foreach (var c in contacts)
        {
            var vn = Relative(c).Dot(c.Normal);
            c.ClosingSpeed = -vn;
            // A gap that closes within the step is met now (speculatively), so nothing tunnels or sinks in.
            c.TargetSpeed = c.Gap > 0 && -vn * h < c.Gap ? double.NegativeInfinity
                : -vn > RestSpeed ? -c.Restitution * vn : 0;
        }
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            foreach (var c in contacts)
            {
                if (double.IsNegativeInfinity(c.TargetSpeed)) continue;
                var vn = Relative(c).Dot(c.Normal);
                var j = (c.TargetSpeed - vn) / NormalMass(c.A, c.B, c.RA, c.RB, c.Normal);
                var total = Math.Max(0, c.NormalImpulse + j);
                j = total - c.NormalImpulse;
                c.NormalImpulse = total;
                Push(c, c.Normal * j);
            }
            foreach (var c in contacts)
                if (c.NormalImpulse > 0)
                    c.FrictionImpulse = Friction(c.A, c.B, c.Point, c.RA, c.RB, c.Normal, c.FrictionImpulse, c.FrictionCoefficient * c.NormalImpulse);
        }
        // One impact per pair and step: the hardest contact of it.
        foreach (var group in contacts.Where(c => c.ClosingSpeed > RestSpeed && c.NormalImpulse > 0 && !double.IsNegativeInfinity(c.TargetSpeed))
                     .GroupBy(c => (c.A.Id, B: c.B?.Id ?? c.SceneryId)))
        {
            var c = group.MaxBy(x => x.NormalImpulse)!;
            _impacts.Add(new Impact(Time, c.A.Id, group.Key.B, c.Point, group.Sum(x => x.NormalImpulse), c.ClosingSpeed, c.A.Material,
                c.B?.Material ?? c.Scenery));
        }
    }

    private static void Push(Contact c, Vec3 impulse)
    {
        c.A.ApplyImpulse(impulse, c.Point);
        c.B?.ApplyImpulse(-impulse, c.Point);
    }

    /// <summary>
    /// Friction against the contact's slip. <paramref name="total"/> is what this contact has applied so far in the
    /// step; the sum stays within <paramref name="limit"/> (Coulomb: μ times the normal impulse). Returns the new sum.
    /// </summary>
    private static Vec3 Friction(RigidBody a, RigidBody? b, Vec3 point, Vec3 ra, Vec3 rb, Vec3 n, Vec3 total, double limit)
    {
        if (limit <= 0) return total;
        var v = a.VelocityAt(point) - (b?.VelocityAt(point) ?? Vec3.Zero);
        var slip = v - n * v.Dot(n);
        var speed = slip.Length;
        if (speed < 1e-9) return total;
        var t = slip / speed;
        var wanted = total - t * (speed / NormalMass(a, b, ra, rb, t));
        if (wanted.Length > limit) wanted = wanted.Normalized * limit;
        var change = wanted - total;
        a.ApplyImpulse(change, point);
        b?.ApplyImpulse(-change, point);
        return wanted;
    }

    /// <summary>
    /// Moves overlapping bodies apart along the normal (positions only: no energy is added), once per body and plane
    /// and once per pair, by the deepest overlap left after this step's motion (one push per contact point would lift
    /// a box resting on four corners four times over).
    /// </summary>
    private void Correct(List<Contact> contacts)
    {
        foreach (var group in contacts.GroupBy(c => (c.A.Id, B: c.B?.Id ?? c.SceneryId, c.B is null ? c.Normal : Vec3.Zero)))
        {
            var c = group.First();
            var gap = c.B is null ? Gap(c) : group.Min(x => x.Gap + (Relative(x).Dot(x.Normal) * Step));
            if (gap >= -Margin / 2) continue;
            var (wa, wb) = (c.A.Dynamic ? c.A.InverseMass : 0, c.B is { Dynamic: true } ? c.B.InverseMass : 0);
            if (wa + wb <= 0) continue;
            var push = (-gap - Margin / 2) * 0.8 / (wa + wb);
            c.A.Position += c.Normal * (push * wa);
            if (c.B is not null) c.B.Position -= c.Normal * (push * wb);
        }
        // Nothing ends a step below the ground, whatever the contacts did, nor keeps moving into it.
        foreach (var b in _bodies)
            if (b.Dynamic && b.Bottom < GroundHeight)
            {
                b.Position = b.Position with { Y = b.Position.Y + GroundHeight - b.Bottom };
                if (b.Velocity.Y < 0) b.Velocity = b.Velocity with { Y = 0 };
            }
    }

    /// <summary>The contact's gap after this step's motion (scenery only: the body's nearest point to the plane).</summary>
    private double Gap(Contact c)
    {
        var offset = c.SceneryId == GroundId ? GroundHeight : _walls.FirstOrDefault(w => w.Normal == c.Normal)?.Offset ?? 0;
        return c.A.Shape switch
        {
            BodyShape.Box => c.A.Corners().Min(p => c.Normal.Dot(p)) - offset,
            _ => Math.Min(c.Normal.Dot(c.A.Segment.A), c.Normal.Dot(c.A.Segment.B)) - offset - c.A.Radius,
        };
    }

    /// <summary>Rolling resistance: a rolling ball on the ground slows by its coefficient times g, spin and all.</summary>
    private void Roll(List<Contact> contacts, double h)
    {
        foreach (var c in contacts)
        {
            if (c.SceneryId != GroundId || c.A.Shape != BodyShape.Sphere || !c.A.Dynamic) continue;
            var v = c.A.Velocity with { Y = 0 };
            var speed = v.Length;
            if (speed < 1e-9) continue;
            var slower = Math.Max(0, speed - c.A.RollingResistance * Ground.Rolling * -Gravity.Y * h) / speed;
            c.A.Velocity = new Vec3(c.A.Velocity.X * slower, c.A.Velocity.Y, c.A.Velocity.Z * slower);
            c.A.AngularVelocity *= slower;
        }
    }
}
