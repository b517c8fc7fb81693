namespace Sora.Projections.Social;

/// <summary>One "follower follows followee" edge. <see cref="Seq"/> is the event sequence: a stable page cursor.</summary>
public sealed class FollowEdge
{
    public string Id { get; set; } = "";
    public Guid FollowerId { get; set; }
    public Guid FolloweeId { get; set; }
    public DateTimeOffset Since { get; set; }
    public long Seq { get; set; }

    public static string IdFor(Guid follower, Guid followee) => $"{follower:N}>{followee:N}";
}

/// <summary>One "blocker blocks blocked" edge.</summary>
public sealed class BlockEdge
{
    public string Id { get; set; } = "";
    public Guid BlockerId { get; set; }
    public Guid BlockedId { get; set; }
    public DateTimeOffset Since { get; set; }
    public long Seq { get; set; }

    public static string IdFor(Guid blocker, Guid blocked) => $"{blocker:N}>{blocked:N}";
}

/// <summary>Follower and following counts, maintained by the async daemon (counts may trail by moments).</summary>
public sealed class AccountStats
{
    public Guid Id { get; set; }
    public int Followers { get; set; }
    public int Following { get; set; }
}
