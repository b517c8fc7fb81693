using System.Diagnostics;

namespace Sora.Bench.Api;

/// <summary>
/// CPU time spent by this process and by PostgreSQL's client backends on this machine (the private cluster that
/// ./sora bench starts) over a measured span. It says which side limits a figure on a machine whose cores both share.
/// </summary>
public sealed class CpuMeter
{
    private readonly TimeSpan _host;
    private readonly Dictionary<int, long> _backends;

    private CpuMeter(TimeSpan host, Dictionary<int, long> backends) => (_host, _backends) = (host, backends);

    public static CpuMeter Start() => new(Process.GetCurrentProcess().TotalProcessorTime, BackendTicks());

    /// <summary>CPU milliseconds per operation since <see cref="Start"/>: the host's, and PostgreSQL's client
    /// backends' (NaN when none is visible here, e.g. with SORA_BENCH_DATABASE_URL on another machine).</summary>
    public (double HostMs, double PostgresMs) PerOperation(int operations)
    {
        var host = (Process.GetCurrentProcess().TotalProcessorTime - _host).TotalMilliseconds / operations;
        var now = BackendTicks();
        // Backends alive at both ends (the connection pool keeps ours); one opened meanwhile counts from zero.
        var ticks = now.Sum(b => b.Value - _backends.GetValueOrDefault(b.Key));
        return (host, now.Count == 0 ? double.NaN : ticks * 1000.0 / TicksPerSecond / operations);
    }

    private const double TicksPerSecond = 100; // USER_HZ, the unit of utime and stime on Linux

    // From /proc: a backend's comm is "postgres" and its command line "postgres: <user> <database> <client> <state>".
    // The server's own processes (checkpointer, autovacuum, WAL writer...) are left out: after a bulk load,
    // autovacuum alone would otherwise double the figure.
    private static Dictionary<int, long> BackendTicks()
    {
        var result = new Dictionary<int, long>();
        if (!Directory.Exists("/proc")) return result;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || stat[(open + 1)..close] != "postgres") continue;
                var title = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (!IsClientBackend(title)) continue;
                // After the comm: state, ppid, ... utime is the 14th field of the line and stime the 15th.
                var fields = stat[(close + 2)..].Split(' ');
                result[pid] = long.Parse(fields[11]) + long.Parse(fields[12]);
            }
            catch (IOException) { } // exited meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return result;
    }

    private static readonly string[] ServerProcesses =
        ["checkpointer", "background writer", "walwriter", "autovacuum", "logical replication", "archiver", "stats", "startup", "walsender"];

    private static bool IsClientBackend(string title) =>
        title.StartsWith("postgres: ", StringComparison.Ordinal) && !ServerProcesses.Any(p => title.AsSpan(10).StartsWith(p));
}
