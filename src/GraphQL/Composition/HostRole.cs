namespace Sora.GraphQL.Composition;

/// <summary>
/// What one process runs. The same binary scales out: API nodes serve GraphQL and fan notifications out to
/// their WebSocket clients; worker nodes consume the durable queues. "all" is the single-process default.
/// </summary>
[Flags]
public enum HostRole
{
    Api = 1,
    Worker = 2,
    All = Api | Worker,
}

public static class HostRoles
{
    public static HostRole Parse(string? value) => (value ?? "all").Trim().ToLowerInvariant() switch
    {
        "api" => HostRole.Api,
        "worker" => HostRole.Worker,
        "all" or "" => HostRole.All,
        var other => throw new ArgumentException($"Unknown role '{other}'. Use api, worker or all."),
    };

    /// <summary>
    /// Takes "--role X" out of the command line (the JasperFx command parser would reject it) and returns the
    /// remaining arguments plus the role, if one was given.
    /// </summary>
    public static (string[] Remaining, string? Role) Extract(string[] args)
    {
        var rest = new List<string>();
        string? role = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--role" && i + 1 < args.Length) role = args[++i];
            else if (args[i].StartsWith("--role=", StringComparison.Ordinal)) role = args[i]["--role=".Length..];
            else rest.Add(args[i]);
        }
        return (rest.ToArray(), role);
    }
}
